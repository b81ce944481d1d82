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
  as many as there are names;
- a loop over zip() of one list unpacked into several names (`for word, size in zip(words):`): zipped with the
  script's other lists written with as many items, when there are as many of them as names missing.
- a list used as a dict key or set member ("unhashable type: 'list'"): the first press of a list of key presses
  (`counts[keys]` -> `counts[keys[0]]`), any other list as a tuple;
- membership asked the way other languages ask it (`word.contains('e')`, `.includes`): `'e' in word`;
- a container's size read as other languages read it (`items.length`, `words.size()`, `rts.shape[0]` on a list):
  `len(items)`;
- range() of a list (`for i in range(colours)`): `range(len(colours))`;
- two names unpacked from a range over positions (`for i, word in range(len(words))`): `enumerate(words)`;
- a list of pairs indexed as an array (`positions[t, 0]`): one index after the other, `positions[t][0]`;
- one item added to a list with + (`typed = typed + key`): the item in a list, `typed + [key]`;
- a list joined the way other languages join (`words.join(', ')`): the separator's join, `', '.join(words)`;
- text split on nothing (`word.split('')`, "empty separator"): its letters, `list(word)`;
- `word.count()` with nothing to count: its length (`len(word)`).
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _calls, _key_lists, _last_name, _on_line, _splice, _wrap
from .type_rules import _binding, _empty, _first_value

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
# membership methods of other languages (Java's contains, JavaScript's includes)
MEMBERSHIP = ("contains", "includes", "has")
# a size as other languages read it: attribute or method
SIZE_NAMES = ("length", "size", "len", "shape")
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
        if m and m.group(1) == "list" and m.group(2) == "join":
            return join_on_separator(tree, line, source)
        if re.search(r"'int' object has no attribute", message):
            return enumerate_swapped(tree, line, source)
        m = re.search(r"'(list|str|tuple|dict|set)' object has no attribute '(\w+)'", message)
        if m and m.group(2) in MEMBERSHIP:
            return membership(tree, line, source, m.group(2))
        if m and m.group(2) in SIZE_NAMES:
            return size_as_len(tree, line, source, m.group(2))
    if error_type == "ValueError" and message.strip() == "empty separator":
        return letters_of(tree, line, source)
    if error_type == "TypeError" and re.search(r"count\(\) takes (at least|exactly) (1|one) argument \(0 given\)", message):
        return size_as_len(tree, line, source, "count")
    if error_type == "TypeError" and "unhashable type: 'list'" in message:
        return hashable_key(tree, line, source)
    if error_type == "TypeError" and re.search(r"'(list|tuple|dict|set)' object cannot be interpreted as an integer",
                                               message):
        return range_of_len(tree, line, source)
    if error_type == "TypeError" and re.search(r"cannot unpack non-iterable int object", message):
        return enumerate_for_range(tree, line, source)
    if error_type == "TypeError" and re.search(r"list indices must be integers or slices, not tuple", message):
        return index_after_index(tree, line, source)
    if error_type == "TypeError" and re.search(r'can only concatenate list \(not "(str|int|float|dict|tuple)"\) to list',
                                               message):
        return item_in_list(tree, line, source)
    if error_type == "TypeError" and re.search(r"'int' object is not subscriptable", message):
        return enumerate_swapped(tree, line, source)
    if error_type == "TypeError" and re.search(r"update expected at most 1 argument, got 2", message):
        return item_not_update(tree, line, source)
    if error_type == "ValueError" and re.search(r"(too many|not enough) values to unpack", message):
        return draw_as_many(tree, line, source) or zip_of_one(tree, line, source)
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
        binding = _binding(tree, name, line)
        if binding is None:
            return None
        value = binding.value
        if not _empty(value, "dict") or _used_as_dict(tree, name):
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


def hashable_key(tree: ast.Module, line: int, source: str):
    """A list where a dict key or set member goes (`counts[keys]`, `counts.get(keys, 0)`, `seen.add(pos)`): each
    use of that name on the line made the first press (a list of key presses) or a tuple (any other list)."""
    text = source.split("\n")[line - 1]
    presses = _key_lists(tree)
    keyed = [n.slice for n in _on_line(tree, line, ast.Subscript)] + \
        [n.args[0] for n in _calls(tree, line, ("get", "add", "setdefault", "pop", "discard", "remove")) if n.args]
    names = {n.id for n in keyed if isinstance(n, ast.Name)}
    if len(names) != 1:
        return None
    name = names.pop()
    spans = list({(n.col_offset, n.end_col_offset) for n in keyed if isinstance(n, ast.Name) and n.id == name})
    if name in presses:
        return (f"{name} is the list of key presses: the key is its first one", line,
                _wrap(text, spans, "", "[0]"))
    return f"A list cannot be a key: use {name} as a tuple", line, _wrap(text, spans, "tuple(", ")")


def membership(tree: ast.Module, line: int, source: str, method: str):
    """`word.contains('e')`: `'e' in word`, in parentheses unless it is a whole test or value."""
    text = source.split("\n")[line - 1]
    whole = {id(n.test) for n in ast.walk(tree) if isinstance(n, (ast.If, ast.While, ast.IfExp))} | \
        {id(n.value) for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.Return))}
    for node in _calls(tree, line, (method,)):
        if not (isinstance(node.func, ast.Attribute) and len(node.args) == 1 and not node.keywords):
            continue
        owner, item = ast.get_source_segment(source, node.func.value), ast.get_source_segment(source, node.args[0])
        test = f"{item} in {owner}" if id(node) in whole else f"({item} in {owner})"
        return (f"Python asks membership with `in`: {item} in {owner}", line,
                _splice(text, node.col_offset, node.end_col_offset, test))
    return None


def size_as_len(tree: ast.Module, line: int, source: str, name: str):
    """`items.length`, `items.size()`, `rts.shape[0]` on a list, `word.count()` with no argument: `len(items)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Attribute):
        if node.attr != name:
            continue
        owner = ast.get_source_segment(source, node.value)
        whole = node
        parents = {id(n.func): n for n in ast.walk(tree) if isinstance(n, ast.Call) and not n.args} | \
            {id(n.value): n for n in ast.walk(tree) if isinstance(n, ast.Subscript) and
             isinstance(n.slice, ast.Constant) and n.slice.value == 0}
        if name == "shape":
            whole = parents.get(id(node))
            if not isinstance(whole, ast.Subscript):  # only shape[0] is a list's length
                return None
        elif id(node) in parents and isinstance(parents[id(node)], ast.Call):
            whole = parents[id(node)]
        elif name == "count":  # only the call with nothing to count
            continue
        return (f"A list's size is len({owner})", line, _splice(text, whole.col_offset, whole.end_col_offset,
                                                                f"len({owner})"))
    return None


def range_of_len(tree: ast.Module, line: int, source: str):
    """`range(colours)` with a list: `range(len(colours))`."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("range",)):
        if isinstance(node.func, ast.Name) and len(node.args) == 1 and \
                isinstance(node.args[0], (ast.Name, ast.Attribute, ast.Subscript)):
            arg = node.args[0]
            return ("range() counts: give it the list's length", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "len(", ")"))
    return None


def enumerate_for_range(tree: ast.Module, line: int, source: str):
    """`for i, word in range(len(words)):`: `for i, word in enumerate(words):`."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.For) and node.lineno == line and isinstance(node.target, ast.Tuple) and
                len(node.target.elts) == 2 and isinstance(node.iter, ast.Call) and _last_name(node.iter.func) ==
                "range" and len(node.iter.args) == 1 and isinstance(node.iter.args[0], ast.Call) and
                _last_name(node.iter.args[0].func) == "len" and len(node.iter.args[0].args) == 1):
            continue
        items = ast.get_source_segment(source, node.iter.args[0].args[0])
        return (f"range() gives positions only: enumerate({items}) gives each position with its item", line,
                _splice(text, node.iter.col_offset, node.iter.end_col_offset, f"enumerate({items})"))
    return None


def index_after_index(tree: ast.Module, line: int, source: str):
    """`positions[t, 0]` on a list of pairs: `positions[t][0]`, each written index kept."""
    text = source.split("\n")[line - 1]
    found = [n for n in _on_line(tree, line, ast.Subscript) if isinstance(n.slice, ast.Tuple) and
             not any(isinstance(e, ast.Slice) for e in n.slice.elts)]
    if not found:
        return None
    for node in sorted(found, key=lambda n: n.col_offset, reverse=True):
        value = ast.get_source_segment(source, node.value)
        indices = "".join(f"[{ast.get_source_segment(source, e)}]" for e in node.slice.elts)
        text = _splice(text, node.col_offset, node.end_col_offset, value + indices)
    return "A list is indexed one level at a time: [t][0], not [t, 0]", line, text


def item_in_list(tree: ast.Module, line: int, source: str):
    """`typed = typed + key`: the one item added in a list, `typed + [key]`."""
    text = source.split("\n")[line - 1]
    adds = [n for n in _on_line(tree, line, ast.BinOp) if isinstance(n.op, ast.Add) and
            not isinstance(n.right, (ast.List, ast.ListComp, ast.BinOp))]
    if len(adds) != 1:
        return None
    right = adds[0].right
    return ("Only a list can be added to a list: put the item in one", line,
            _splice(text, right.col_offset, right.end_col_offset, f"[{ast.get_source_segment(source, right)}]"))


def join_on_separator(tree: ast.Module, line: int, source: str):
    """`words.join(', ')`: `', '.join(words)`."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("join",)):
        if isinstance(node.func, ast.Attribute) and len(node.args) == 1 and not node.keywords:
            items, separator = (ast.get_source_segment(source, n) for n in (node.func.value, node.args[0]))
            if not isinstance(node.args[0], (ast.Constant, ast.Name)):
                separator = f"({separator})"
            return ("Python joins with the separator's join(): separator.join(list)", line,
                    _splice(text, node.col_offset, node.end_col_offset, f"{separator}.join({items})"))
    return None


def letters_of(tree: ast.Module, line: int, source: str):
    """`word.split('')`: `list(word)`, its letters."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("split",)):
        if isinstance(node.func, ast.Attribute) and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) \
                and node.args[0].value == "":
            return ("Text cannot be split on nothing: list() gives its letters", line,
                    _splice(text, node.col_offset, node.end_col_offset,
                            f"list({ast.get_source_segment(source, node.func.value)})"))
    return None


def zip_of_one(tree: ast.Module, line: int, source: str):
    """`for word, size in zip(words):`: `zip(words, sizes)`, the other lists being those the script writes out with
    as many items as words (none of them the loop's own), exactly as many as the names the loop lacks (or, when
    more fit, each named after its loop name)."""
    text = source.split("\n")[line - 1]
    for loop in ast.walk(tree):
        if not (isinstance(loop, (ast.For, ast.comprehension)) and isinstance(loop.target, ast.Tuple) and
                isinstance(loop.iter, ast.Call) and _last_name(loop.iter.func) == "zip" and
                len(loop.iter.args) == 1 and isinstance(loop.iter.args[0], ast.Name) and
                loop.iter.lineno == line == loop.iter.end_lineno):
            continue
        first = loop.iter.args[0].id
        size = _written_length(tree, first)
        if size is None:
            return None
        others = [n.targets[0].id for n in tree.body if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                  isinstance(n.targets[0], ast.Name) and n.targets[0].id != first and n.lineno < line and
                  _written_length(tree, n.targets[0].id) == size]
        others = list(dict.fromkeys(others))
        names = [e.id for e in loop.target.elts[1:] if isinstance(e, ast.Name)]
        if len(others) > len(names):  # several lists fit: the ones named after the loop's names (size -> sizes)
            others = [next((o for o in others if o.startswith(n)), "") for n in names]
        if len(others) != len(loop.target.elts) - 1 or "" in others:
            return None
        at = loop.iter.args[0].end_col_offset
        return (f"zip() of one list gives one item at a time: zip {first} with {', '.join(others)}", line,
                _splice(text, at, at, "".join(f", {o}" for o in others)))
    return None


def _written_length(tree: ast.Module, name: str) -> int | None:
    value = _first_value(tree, name)
    return len(value.elts) if isinstance(value, (ast.List, ast.Tuple)) and value.elts else None
