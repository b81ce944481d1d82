"""Repairs for text (or a tuple) changed as if it were a list, read off the exception's message. Same contract as
runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing offered before a re-run proves it).
Read before type_rules' make_list, which makes such a value a list where it is made: right for a sequence of
conditions (`seq = 'LLRR'` shuffled), wrong for a word whose letters are changed (`list('banana')` then shows
on screen as a list of letters). Here the word stays text, rebuilt from its own pieces and bound again:

- `word.remove('b')`: `word = word.replace('b', '', 1)`; `word.insert(0, 'x')`: `word = word[:0] + 'x' +
  word[0:]`; `word.clear()`: `word = ''`; `word.pop()` on its own: the last letter cut off (`word = word[:-1]`),
  `word.pop(i)` that letter; `word.append('s')` / `extend` where the word is shown as text (`stim.text = word`):
  `word += 's'`;
- `del word[0]` (a str or a tuple, "doesn't support item deletion"): `word = word[1:]`; any other position or
  slice cut out the same way;
- `word[0] = 'X'` on a str: `word = 'X' + word[1:]`.

Only a statement of its own (`word.pop()` whose letter is used elsewhere on the line is left to make_list), on a
plain name.
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _on_line

# how the text a name holds reaches the screen: `stim.text = name`, `text=name`, `stim.setText(name)`
SHOWN_AS = ("text", "setText")


def text_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "AttributeError":
        m = re.search(r"'str' object has no attribute '(remove|insert|clear|pop|append|extend)'", message)
        return list_method_on_text(tree, line, source, m.group(1)) if m else None
    if error_type != "TypeError":
        return None
    m = re.search(r"'(str|tuple)' object doesn't support item deletion", message)
    if m:
        return item_cut_out(tree, line, source, m.group(1))
    if "'str' object does not support item assignment" in message:
        return letter_replaced(tree, line, source)
    return None


def list_method_on_text(tree: ast.Module, line: int, source: str, method: str):
    """`word.remove('b')` and the other list methods a word has no use for, as a statement: the word rebuilt."""
    text = source.split("\n")[line - 1]
    for statement in _on_line(tree, line, ast.Expr):
        call = statement.value
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == method
                and isinstance(call.func.value, ast.Name) and not call.keywords):
            continue
        name, args = call.func.value.id, [ast.get_source_segment(source, a) for a in call.args]
        if None in args:
            return None
        if method == "remove" and len(args) == 1:
            new, title = f"{name}.replace({args[0]}, '', 1)", "Text has no remove(): replace() gives it without that text"
        elif method == "insert" and len(args) == 2:
            new, title = _around(name, args[0], args[1]), "Text has no insert(): rebuild it around the position"
        elif method == "clear" and not args:
            new, title = "''", "Text has no clear(): make it empty text"
        elif method == "pop" and len(args) <= 1:
            new, title = _cut(name, args[0] if args else "-1"), "Text has no pop(): cut that letter off"
        elif method in ("append", "extend") and len(args) == 1 and _shown(tree, name):
            new, title = f"{name} + {args[0]}", f"Text has no {method}(): add to it with +"
        else:
            return None
        return f"{title} (text cannot change in place: bind {name} again)", line, _rebound(text, name, new)
    return None


def item_cut_out(tree: ast.Module, line: int, source: str, kind: str):
    """`del word[0]`: the value bound again without that item (or slice)."""
    text = source.split("\n")[line - 1]
    for statement in _on_line(tree, line, ast.Delete):
        if len(statement.targets) != 1:
            return None
        target = statement.targets[0]
        if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)):
            return None
        name, index = target.value.id, target.slice
        if isinstance(index, ast.Slice):
            if index.step is not None:
                return None
            lower = ast.get_source_segment(source, index.lower) if index.lower else ""
            upper = ast.get_source_segment(source, index.upper) if index.upper else ""
            parts = ([f"{name}[:{lower}]"] if lower else []) + ([f"{name}[{upper}:]"] if upper else [])
            new = " + ".join(parts) or ("''" if kind == "str" else "()")
        else:
            position = ast.get_source_segment(source, index)
            if position is None:
                return None
            new = _cut(name, position)
        return (f"A {kind} cannot lose an item in place: bind {name} again without it", line,
                _rebound(text, name, new))
    return None


def letter_replaced(tree: ast.Module, line: int, source: str):
    """`word[0] = 'X'` on text: `word = 'X' + word[1:]` (any position: the pieces on either side of it)."""
    text = source.split("\n")[line - 1]
    for statement in _on_line(tree, line, ast.Assign):
        if len(statement.targets) != 1:
            return None
        target = statement.targets[0]
        if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and
                not isinstance(target.slice, ast.Slice)):
            return None
        name = target.value.id
        if _shuffled(tree, name):
            return None  # a sequence of conditions shuffled as text: make_list's list is the repair
        position, value = ast.get_source_segment(source, target.slice), ast.get_source_segment(source, statement.value)
        if position is None or value is None:
            return None
        return (f"Text cannot change a letter in place: bind {name} again with the new one", line,
                _rebound(text, name, _around(name, position, value, replace=True)))
    return None


def _rebound(text: str, name: str, new: str) -> str:
    """The statement on `text` replaced by `name = new`, at its indentation."""
    return f"{text[:len(text) - len(text.lstrip())]}{name} = {new}"


def _cut(name: str, position: str) -> str:
    """The value of `name` without the item at `position` (written as in the script)."""
    if position == "0":
        return f"{name}[1:]"
    if position == "-1":
        return f"{name}[:-1]"
    return f"{name}[:{position}] + {name}[{_plus_one(position)}:]"


def _around(name: str, position: str, value: str, replace: bool = False) -> str:
    """`value` put in at `position` (instead of the item there, when `replace`)."""
    after = _plus_one(position) if replace else position
    if not after:  # the last item replaced: nothing after it
        return f"{name}[:{position}] + {value}"
    if position == "0":
        return f"{value} + {name}[{after}:]"
    return f"{name}[:{position}] + {value} + {name}[{after}:]"


def _plus_one(position: str) -> str:
    if re.fullmatch(r"-?\d+", position):
        return str(int(position) + 1) if position != "-1" else ""
    return f"{position} + 1"


def _shown(tree: ast.Module, name: str) -> bool:
    """Whether the script shows `name` as text: assigned to a `.text`, given as text=, or to setText()."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id == name and \
                any(isinstance(t, ast.Attribute) and t.attr in SHOWN_AS for t in node.targets):
            return True
        if isinstance(node, ast.Call):
            if any(k.arg in SHOWN_AS and isinstance(k.value, ast.Name) and k.value.id == name for k in node.keywords):
                return True
            if isinstance(node.func, ast.Attribute) and node.func.attr in SHOWN_AS and \
                    any(isinstance(a, ast.Name) and a.id == name for a in node.args):
                return True
    return False


def _shuffled(tree: ast.Module, name: str) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, (ast.Attribute, ast.Name)) and
               (n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id) == "shuffle" and
               any(isinstance(a, ast.Name) and a.id == name for a in n.args) for n in ast.walk(tree))
