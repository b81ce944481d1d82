"""Repairs for a position that is not in the list (or text), and for a division by nothing, read off the exception's
message. Same contract as runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing offered
before a re-run proves it). runtime_rules' past_the_end reads the loops over range() that run one step too far;
these read the other ways a position goes past the end:

- a random position drawn with `random.randint(0, len(x))` (randint includes its end): `len(x) - 1`;
- a count from enumerate(..., 1) used as a position (`inks[n]`): `inks[n - 1]`;
- more items popped than the list has (`for t in range(6): words.pop()` with five words): as many as it has,
  `range(len(words))`;
- a list indexed by a name whose values are known words (`positions[side]`, side from `['left', 'right']`): the
  list made a dict of those words, in the order both are written, when there are as many words as items;
- a division by a count that can be zero (`fa / len(catch)` with no catch trials, ZeroDivisionError): NaN when
  there is nothing to divide by (a rate of nothing is undefined, not 0).
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _calls, _last_name, _on_line, _splice
from .type_rules import _binding, _words_of


def index_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "IndexError" and re.search(r"(list|string|tuple) index out of range", message):
        return inclusive_randint(tree, line, source) or counted_from_one(tree, line, source)
    if error_type == "IndexError" and "pop from empty list" in message:
        return pop_as_many(tree, line, source)
    if error_type == "TypeError" and re.search(r"(list|tuple) indices must be integers or slices, not str", message):
        return words_as_keys(tree, line, source)
    if error_type == "ZeroDivisionError":
        return nothing_to_divide(tree, line, source)
    return None


def inclusive_randint(tree: ast.Module, line: int, source: str):
    """`letters[random.randint(0, len(letters))]`: randint includes its end, the last position is len - 1."""
    text = source.split("\n")[line - 1]
    for call in _calls(tree, line, ("randint",)):
        if not (len(call.args) == 2 and isinstance(call.func, ast.Attribute) and
                _last_name(call.func.value) == "random" and isinstance(call.func.value, ast.Name)):
            continue  # numpy's randint (np.random.randint) excludes its end already
        end = call.args[1]
        if isinstance(end, ast.Call) and _last_name(end.func) == "len":
            return ("randint() includes its end: the last position is len - 1", line,
                    _splice(text, end.end_col_offset, end.end_col_offset, " - 1"))
    return None


def counted_from_one(tree: ast.Module, line: int, source: str):
    """`for n, word in enumerate(words, 1): inks[n]`: the count starts at 1, positions at 0."""
    text = source.split("\n")[line - 1]
    indexes = {n.slice.id: n for n in _on_line(tree, line, ast.Subscript) if isinstance(n.slice, ast.Name)}
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and loop.lineno < line <= loop.end_lineno and
                isinstance(loop.iter, ast.Call) and _last_name(loop.iter.func) == "enumerate" and
                isinstance(loop.target, ast.Tuple) and loop.target.elts and isinstance(loop.target.elts[0], ast.Name)):
            continue
        start = loop.iter.args[1] if len(loop.iter.args) > 1 else \
            next((k.value for k in loop.iter.keywords if k.arg == "start"), None)
        count = loop.target.elts[0].id
        if isinstance(start, ast.Constant) and start.value == 1 and count in indexes:
            sub = indexes[count]
            return (f"{count} counts from 1 (enumerate's start); positions count from 0: use [{count} - 1]", line,
                    _splice(text, sub.slice.col_offset, sub.slice.end_col_offset, f"{count} - 1"))
    return None


def pop_as_many(tree: ast.Module, line: int, source: str):
    """`for t in range(6): words.pop()` with fewer words: the loop runs once per word, `range(len(words))`.
    Only when nothing in the loop adds to the list."""
    lines = source.split("\n")
    popped = {call.func.value.id for call in _calls(tree, line, ("pop",))
              if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)}
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and loop.lineno < line <= loop.end_lineno and
                isinstance(loop.iter, ast.Call) and _last_name(loop.iter.func) == "range" and
                len(loop.iter.args) == 1 and loop.iter.lineno == loop.iter.end_lineno):
            continue
        adds = {n.func.value.id for n in ast.walk(loop) if isinstance(n, ast.Call) and
                isinstance(n.func, ast.Attribute) and n.func.attr in ("append", "extend", "insert") and
                isinstance(n.func.value, ast.Name)}
        names = sorted(popped - adds)
        if len(names) != 1:
            return None
        count = loop.iter.args[0]
        return (f"The loop pops more items than {names[0]} has: run it once per item", loop.lineno,
                _splice(lines[loop.lineno - 1], count.col_offset, count.end_col_offset, f"len({names[0]})"))
    return None


def words_as_keys(tree: ast.Module, line: int, source: str):
    """`positions[side]` where side is one of a written list of words and positions a list display of as many
    items, written on one line: positions made a dict from each word to its item (both in written order)."""
    for node in _on_line(tree, line, ast.Subscript):
        if not (isinstance(node.value, ast.Name) and isinstance(node.slice, ast.Name)):
            continue
        words = _words_of(tree, node.slice.id, line)
        binding = _binding(tree, node.value.id, line)
        if not words or binding is None or not isinstance(binding.value, (ast.List, ast.Tuple)):
            continue
        items = binding.value.elts
        if len(items) != len(words) or binding.lineno != binding.end_lineno or \
                all(isinstance(e, ast.Constant) and e.value in words for e in items):
            continue  # the words' own list indexed by its words: type_rules' item_not_index
        pairs = ", ".join(f"{w!r}: {ast.get_source_segment(source, item)}" for w, item in zip(words, items))
        text = source.split("\n")[binding.lineno - 1]
        return (f"{node.slice.id} is a word ({', '.join(map(repr, words))}): make {node.value.id} a dict from "
                "each word to its item", binding.lineno,
                _splice(text, binding.value.col_offset, binding.value.end_col_offset, "{" + pairs + "}"))
    return None


def nothing_to_divide(tree: ast.Module, line: int, source: str):
    """`fa / len(catch)` (or `/ n`) where the count can be 0: NaN when it is, `... if catch else float('nan')`.
    One division by something that is not a number written in the script."""
    text = source.split("\n")[line - 1]
    found = [n for n in _on_line(tree, line, ast.BinOp) if isinstance(n.op, (ast.Div, ast.FloorDiv, ast.Mod)) and
             not isinstance(n.right, ast.Constant) and not (isinstance(n.left, ast.Constant) and
                                                            isinstance(n.left.value, str))]
    if len(found) != 1:
        return None
    node = found[0]
    by = node.right
    if isinstance(by, ast.Call) and _last_name(by.func) == "len" and len(by.args) == 1:
        test = ast.get_source_segment(source, by.args[0])
    else:
        test = ast.get_source_segment(source, by)
        if not isinstance(by, (ast.Name, ast.Attribute, ast.Subscript)):
            test = f"({test})"
    whole = {id(n.value) for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign, ast.Return))}
    guarded = f"{ast.get_source_segment(source, node)} if {test} else float('nan')"
    if id(node) not in whole:
        guarded = f"({guarded})"
    return ("Nothing to divide by when the count is 0: the result is undefined (NaN) then", line,
            _splice(text, node.col_offset, node.end_col_offset, guarded))

