"""Repairs for one of Python's containers used as another kind, read off the exception's message. Same contract as
runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing offered before a re-run proves it).
Read before runtime_rules' "each item of a list" (`responses.add(key)` is a set's method, not the items').

- a method another container has for the same job (`responses.add(key)` on a list -> `append`, `words.find(w)`
  -> `index`, `seen.append(x)` on a set -> `add`, `extend` <-> `update`);
- an empty dict used as a list (`rts = {}` ... `rts.append(rt)`, the dict never read by key): made `[]`;
- a dict given a key and its value as two arguments (`answers.update(q, key)`): the item set, `answers[q] = key`;
- a row that is already a list split again (`word, colour = row.split(',')` over a csv.reader): the row itself;
- enumerate's two names swapped (`for trial, i in enumerate(conditions)`, "'int' object is not subscriptable" on
  `trial['word']`): the count first, the item second;
- a random sample of another size than the names it is unpacked into (`left, right = random.sample(shapes, 3)`):
  as many as there are names.
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _calls, _on_line, _splice

# the method another container type has for the same job: (type, method called) -> the type's own method
SAME_JOB = {("list", "add"): "append", ("list", "push"): "append", ("list", "find"): "index",
            ("list", "update"): "extend", ("set", "append"): "add", ("set", "push"): "add",
            ("set", "extend"): "update"}
# a list's methods that a name bound to `{}` was meant for
APPENDS = ("append", "extend", "insert")
# how a dict is used as a dict: the methods, beside item assignment and `in`
DICT_USES = ("items", "keys", "values", "get", "update", "setdefault", "pop", "popitem")
# calls that draw a given number of items: the parameter that says how many, by position and keyword
# names that say a count: a loop whose first name is one of them is written the right way round
COUNT_NAME = re.compile(r"^(i|j|k|n|ii|idx|index|num|count|\w+_(i|idx|index|n|num|count))$")
DRAWS = {"sample": (1, "k"), "choice": (1, "size"), "choices": (None, "k")}


def container_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "AttributeError":
        m = re.search(r"'(list|set|dict)' object has no attribute '(\w+)'", message)
        if m and (m.group(1), m.group(2)) in SAME_JOB:
            return same_job(tree, line, source, m.group(1), m.group(2), SAME_JOB[m.group(1), m.group(2)])
        if m and m.group(1) == "dict" and m.group(2) in APPENDS:
            return empty_dict_as_list(tree, line, source, m.group(2))
        if m and m.group(1) == "list" and m.group(2) == "split":
            return split_already(tree, line, source)
        if re.search(r"'int' object has no attribute", message):
            return enumerate_swapped(tree, line, source)
    if error_type == "TypeError" and re.search(r"'int' object is not subscriptable", message):
        return enumerate_swapped(tree, line, source)
    if error_type == "TypeError" and re.search(r"update expected at most 1 argument, got 2", message):
        return item_not_update(tree, line, source)
    if error_type == "ValueError" and re.search(r"(too many|not enough) values to unpack", message):
        return draw_as_many(tree, line, source)
    return None


def same_job(tree: ast.Module, line: int, source: str, kind: str, method: str, own: str):
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, (method,)):
        func = node.func
        if isinstance(func, ast.Attribute):
            start = func.end_col_offset - len(method)
            return (f"A {kind} has no {method}(): its {own}() does that", line,
                    _splice(text, start, func.end_col_offset, own))
    return None


def empty_dict_as_list(tree: ast.Module, line: int, source: str, method: str):
    """`rts = {}` then `rts.append(rt)`: the name made `[]` where it is bound to an empty dict, when nothing in the
    script uses it as a dict (no item set, no dict method, no `in`)."""
    for node in _calls(tree, line, (method,)):
        if not (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)):
            continue
        name = node.func.value.id
        bindings = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.lineno < line and
                    any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]
        if not bindings:
            return None
        binding = max(bindings, key=lambda n: n.lineno)
        value = binding.value
        empty = (isinstance(value, ast.Dict) and not value.keys) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and
            not value.args and not value.keywords)
        if not empty or binding.lineno != binding.end_lineno or _used_as_dict(tree, name):
            return None
        text = source.split("\n")[binding.lineno - 1]
        return (f"{name} is collected with {method}(): make it a list, not a dict", binding.lineno,
                _splice(text, value.col_offset, value.end_col_offset, "[]"))
    return None


def _used_as_dict(tree: ast.Module, name: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == name and \
                isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name and \
                node.attr in DICT_USES:
            return True
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and \
                any(isinstance(c, ast.Name) and c.id == name for c in node.comparators):
            return True
    return False


def item_not_update(tree: ast.Module, line: int, source: str):
    """`answers.update(question, key)` as a statement: `answers[question] = key`."""
    text = source.split("\n")[line - 1]
    statements = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in _calls(tree, line, ("update",)):
        if id(node) not in statements or len(node.args) != 2 or node.keywords or \
                not isinstance(node.func, ast.Attribute):
            continue
        owner, key, value = (ast.get_source_segment(source, n) for n in (node.func.value, *node.args))
        if None in (owner, key, value):
            return None
        return ("update() takes one mapping: set the item instead", line,
                _splice(text, node.col_offset, node.end_col_offset, f"{owner}[{key}] = {value}"))
    return None


def split_already(tree: ast.Module, line: int, source: str):
    """`row.split(',')` where row is a list (a csv.reader's row, a line split before): the list itself."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("split",)):
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, (ast.Name, ast.Subscript, ast.Attribute)):
            row = ast.get_source_segment(source, func.value)
            return (f"{row} is a list already split into its fields: use it as it is", line,
                    _splice(text, node.col_offset, node.end_col_offset, row))
    return None


def enumerate_swapped(tree: ast.Module, line: int, source: str):
    """`for trial, i in enumerate(conditions):` with `trial['word']` (or `trial.x`) on the failing line inside the
    loop: enumerate gives the count first, so the two names are swapped on the loop's line. Not when the first name
    says a count (`for i, cond in ...` with `i[0]`: the loop is right, the use is the mistake)."""
    used = {n.value.id for n in ast.walk(tree) if isinstance(n, (ast.Subscript, ast.Attribute)) and
            isinstance(n.value, ast.Name) and n.lineno == line}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.For) and isinstance(node.iter, ast.Call) and
                isinstance(node.iter.func, ast.Name) and node.iter.func.id == "enumerate" and
                isinstance(node.target, ast.Tuple) and len(node.target.elts) == 2 and
                all(isinstance(e, ast.Name) for e in node.target.elts) and
                node.body[0].lineno <= line <= node.end_lineno and node.target.lineno == node.target.end_lineno):
            continue
        count, item = node.target.elts
        if count.id not in used or COUNT_NAME.match(count.id):
            continue
        text = source.split("\n")[node.target.lineno - 1]
        return ("enumerate() gives the count first, then the item", node.target.lineno,
                _splice(text, count.col_offset, item.end_col_offset, f"{item.id}, {count.id}"))
    return None


def draw_as_many(tree: ast.Module, line: int, source: str):
    """`left, right = random.sample(shapes, 3)`: the number drawn made the number of names it is unpacked into
    (random.sample's k, numpy's choice size, random.choices' k=)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Assign):
        if not (len(node.targets) == 1 and isinstance(node.targets[0], (ast.Tuple, ast.List)) and
                isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute)):
            continue
        wanted = len(node.targets[0].elts)
        if any(isinstance(e, ast.Starred) for e in node.targets[0].elts):
            continue
        position, keyword = DRAWS.get(node.value.func.attr, (None, None))
        call = node.value
        count = next((k.value for k in call.keywords if k.arg == keyword), None) if keyword else None
        if count is None and position is not None and len(call.args) > position:
            count = call.args[position]
        if isinstance(count, ast.Constant) and type(count.value) is int and count.value != wanted:
            return (f"{wanted} names take {wanted} items: draw {wanted}", line,
                    _splice(text, count.col_offset, count.end_col_offset, str(wanted)))
    return None
