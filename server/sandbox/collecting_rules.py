"""Repairs for a list or dict built up (or taken apart) the way it cannot be, read off the exception's message.
Same contract as runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing offered before a
re-run proves it). Read after container_rules (a container's method for another's job) and before the type rules.

- a dict's item added to before it exists (`groups[colour].append(word)`, KeyError): `setdefault(colour, [])`
  (a set's add: `set()`); counted before it exists (`counts[key] += 1`, `counts[key] = counts[key] + 1`):
  `counts.get(key, 0) + 1` (text: `''`, a list: `[]`);
- a key removed that may not be there (`info.pop('debug')`, `del info['debug']`, KeyError): `pop(key, None)`;
- an empty list filled by position (`results[trial] = key`, "list assignment index out of range"): appended;
- one item added with extend() or += (`stims.extend(circle)`, `rts += rt`, "'Circle' object is not iterable"):
  appended (a set's update: add);
- a dict summed or averaged (`sum(scores)` adds its keys): its values (`scores.values()`; numpy's and the
  statistics module's functions: `list(scores.values())`);
- a list of numbers kept as text (`rts.append(rt)`, rt from a split line; "unsupported operand type(s) for +:
  'int' and 'str'" at `sum(rts)`): each one read as a number where it is appended, `rts.append(float(rt))`.
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _calls, _last_name, _on_line, _splice
from .type_rules import _binding, _bound_to, _empty, _first_value

# a dict value's method that adds to it, and the empty value setdefault starts it with
ADDS = {"append": "[]", "extend": "[]", "insert": "[]", "add": "set()", "update": "set()"}
# functions that add up a container's numbers (not sorted/max/min: those read a dict's keys on purpose); sum reads a
# dict view as it is, numpy's and the statistics module's need a list
SUMMARIES = ("sum", "mean", "median", "stdev", "fmean", "average", "std", "var")
# what adding up text (a dict's keys, numbers kept as text) says
ADDING_TEXT = re.compile(r"for [+/]: '(int|dict)' and '(str|int)'|for \+: 'str' and 'int'|can't convert type 'str'")


def collecting_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "KeyError":
        return added_before_it_exists(tree, line, source) or removed_if_there(tree, line, source)
    if error_type == "IndexError" and "list assignment index out of range" in message:
        return appended_not_placed(tree, line, source)
    if error_type != "TypeError":
        return None
    if re.search(r"'[\w.]+' object is not iterable", message) and (found := one_item_added(tree, line, source)):
        return found
    if ADDING_TEXT.search(message):
        return values_of_dict(tree, line, source) or numbers_where_appended(tree, line, source)
    return None


def added_before_it_exists(tree: ast.Module, line: int, source: str):
    """`d[k].append(x)` -> `d.setdefault(k, []).append(x)`; `d[k] += v` / `d[k] = d[k] + v` -> from `d.get(k, 0)`.
    Only a dict that starts empty (`{}`, `dict()`): one written with its keys has a key really missing (or of the
    other type, runtime_rules' int()/str()), which a default would hide."""
    text = source.split("\n")[line - 1]
    for call in _on_line(tree, line, ast.Call):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in ADDS and _item_of_empty(tree, func.value):
            owner, key = _parts(source, func.value)
            return (f"{owner} has no {key} yet: setdefault() starts it empty the first time", line,
                    _splice(text, func.value.col_offset, func.value.end_col_offset,
                            f"{owner}.setdefault({key}, {ADDS[func.attr]})"))
    for node in _on_line(tree, line, ast.AugAssign):
        if _item_of_empty(tree, node.target) and isinstance(node.op, (ast.Add, ast.Sub)):
            owner, key = _parts(source, node.target)
            value = ast.get_source_segment(source, node.value)
            sign = "+" if isinstance(node.op, ast.Add) else "-"
            start = _splice(text, node.col_offset, node.end_col_offset,
                            f"{owner}[{key}] = {owner}.get({key}, {_empty_like(node.value)}) {sign} {value}")
            return f"{owner} has no {key} yet: get() starts it from {_empty_like(node.value)}", line, start
    for node in _on_line(tree, line, ast.Assign):
        target = node.targets[0] if len(node.targets) == 1 else None
        if not (_item_of_empty(tree, target) and isinstance(node.value, ast.BinOp)):
            continue
        read = node.value.left
        if isinstance(read, ast.Subscript) and ast.dump(read.value) == ast.dump(target.value) and \
                ast.dump(read.slice) == ast.dump(target.slice):
            owner, key = _parts(source, read)
            default = _empty_like(node.value.right)
            return (f"{owner} has no {key} yet: get() starts it from {default}", line,
                    _splice(text, read.col_offset, read.end_col_offset, f"{owner}.get({key}, {default})"))
    return None


def removed_if_there(tree: ast.Module, line: int, source: str):
    """`info.pop('debug')` -> `info.pop('debug', None)`; `del info['debug']` -> `info.pop('debug', None)`."""
    text = source.split("\n")[line - 1]
    for call in _calls(tree, line, ("pop",)):
        if isinstance(call.func, ast.Attribute) and len(call.args) == 1 and not call.keywords:
            at = call.args[0].end_col_offset
            return ("The key may not be there: pop() with a default removes it only if it is", line,
                    _splice(text, at, at, ", None"))
    for node in _on_line(tree, line, ast.Delete):
        if len(node.targets) == 1 and _item_of_name(node.targets[0]):
            owner, key = _parts(source, node.targets[0])
            return ("The key may not be there: pop() with a default removes it only if it is", line,
                    _splice(text, node.col_offset, node.end_col_offset, f"{owner}.pop({key}, None)"))
    return None


def appended_not_placed(tree: ast.Module, line: int, source: str):
    """`results[trial] = key` where results was bound to `[]`: `results.append(key)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Assign):
        target = node.targets[0] if len(node.targets) == 1 else None
        if not (_item_of_name(target) and not isinstance(target.slice, ast.Slice)):
            continue
        name = target.value.id
        binding = _binding(tree, name, line)
        if not _empty(binding.value if binding is not None else None, "list"):
            return None
        return f"{name} starts empty: append() adds each item in turn", line, _append_instead(text, node, name, source)
    return None


def one_item_added(tree: ast.Module, line: int, source: str):
    """`stims.extend(circle)` / `rts += rt` with one item: `append` (a set's `update(x)`: `add`)."""
    text = source.split("\n")[line - 1]
    for call in _calls(tree, line, ("extend", "update")):
        func = call.func
        if not (isinstance(func, ast.Attribute) and len(call.args) == 1 and not call.keywords) or \
                isinstance(call.args[0], (ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.Dict)):
            continue
        if func.attr == "update" and not _bound_to_set(tree, func.value):
            continue
        own = "append" if func.attr == "extend" else "add"
        return (f"{func.attr}() takes a whole list of items; {own}() adds one", line,
                _splice(text, func.end_col_offset - len(func.attr), func.end_col_offset, own))
    for node in _on_line(tree, line, ast.AugAssign):
        if isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) and \
                _bound_to(tree, node.target.id, (ast.List, ast.ListComp)):
            name = node.target.id
            return (f"+= adds a whole list to {name}; append() adds one item", line,
                    _append_instead(text, node, name, source))
    return None


def values_of_dict(tree: ast.Module, line: int, source: str):
    """`sum(scores)` where scores is a dict (its keys are summed): `sum(scores.values())`."""
    text = source.split("\n")[line - 1]
    for call in _calls(tree, line, SUMMARIES):
        if not (call.args and isinstance(call.args[0], ast.Name)):
            continue
        bound = _first_value(tree, call.args[0].id)
        if not (isinstance(bound, (ast.Dict, ast.DictComp)) or
                (isinstance(bound, ast.Call) and _last_name(bound.func) == "dict")):
            continue
        arg, name = call.args[0], call.args[0].id
        builtin = isinstance(call.func, ast.Name) and call.func.id == "sum"
        new = f"{name}.values()" if builtin else f"list({name}.values())"
        return (f"{name} is a dict: {_last_name(call.func)}() of it reads its keys; its values are the numbers",
                line, _splice(text, arg.col_offset, arg.end_col_offset, new))
    return None


def _append_instead(text: str, statement: ast.Assign | ast.AugAssign, name: str, source: str) -> str:
    """`text` with `statement` (`name[i] = v`, `name += v`) made `name.append(v)`."""
    return _splice(text, statement.col_offset, statement.end_col_offset,
                   f"{name}.append({ast.get_source_segment(source, statement.value)})")


def _item_of_name(node) -> bool:
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and \
        not isinstance(node.slice, ast.Slice)


def _item_of_empty(tree: ast.Module, node) -> bool:
    """Whether `node` is `d[k]` with d first bound to an empty dict."""
    if not _item_of_name(node):
        return False
    return _empty(_first_value(tree, node.value.id), "dict")


def _parts(source: str, node: ast.Subscript) -> tuple[str, str]:
    return node.value.id, ast.get_source_segment(source, node.slice)


def _empty_like(value: ast.expr) -> str:
    """What a running total of `value`s starts from: 0, '' for text, [] for a list."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str) or isinstance(value, ast.JoinedStr):
        return "''"
    if isinstance(value, (ast.List, ast.ListComp)):
        return "[]"
    return "0"


def _bound_to_set(tree: ast.Module, node: ast.expr) -> bool:
    value = _first_value(tree, node.id) if isinstance(node, ast.Name) else None
    return isinstance(value, (ast.Set, ast.SetComp)) or (isinstance(value, ast.Call) and
                                                         _last_name(value.func) in ("set", "frozenset"))


def numbers_where_appended(tree: ast.Module, line: int, source: str):
    """`sum(rts)` where rts starts empty and one `rts.append(rt)` adds text: `rts.append(float(rt))` there."""
    for call in _calls(tree, line, SUMMARIES):
        if not (call.args and isinstance(call.args[0], ast.Name)):
            continue
        name = call.args[0].id
        if not _empty(_first_value(tree, name), "list"):
            continue
        appends = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and
                   n.func.attr == "append" and isinstance(n.func.value, ast.Name) and n.func.value.id == name]
        if len(appends) != 1 or len(appends[0].args) != 1:
            return None
        value = appends[0].args[0]
        if isinstance(value, ast.Constant) or (isinstance(value, ast.Call) and _last_name(value.func) in
                                               ("float", "int")) or value.lineno != value.end_lineno:
            return None
        text = source.split("\n")[value.lineno - 1]
        return (f"{name} holds text: read each value as a number where it is appended", value.lineno,
                _splice(text, value.col_offset, value.end_col_offset,
                        f"float({ast.get_source_segment(source, value)})"))
    return None
