"""Repairs for a value of the wrong type, read off Python's own TypeError/AttributeError/KeyError message: the
value made the right type where it is used, or on the line that made it. Same contract as runtime_rules.py (pure;
(title, line, new text[, other edits]) or None; nothing offered before a re-run proves it), and the same care:
one line changed, and only when the message names the type the rule reads.

- a container that cannot change (a tuple, a string, a range, a dict's keys) changed in place (`x[0] = v`,
  `random.shuffle(x)`, `x.append(v)`): the line that made it makes a list instead;
- a dict view, set, zip, map or any iterator (`itertools.product`, a generator) indexed (`d.keys()[0]`), handed
  to a call that indexes it (`random.choice(d.items())`) or measured with len(): list() around it, or around
  what its name was bound to;
- a count used as a sequence (`for t in n_trials`, `len(n_blocks)`): range(n) / the count itself;
- a list (or str) index that is a float (`items[len(items) / 2]`, `word[len(word) / 2]`): floor division, else
  int();
- a list indexed by text: a csv.reader row read by column name (csv.DictReader); a list indexed by its own
  items inside a loop over it, whatever they are (the item itself); else a position read from text
  (`places[place]`, place from a split line): int();
- a list called (`stims(i)`): indexed;
- a list of numbers multiplied by a float (`size * 1.5`): each number multiplied; text repeated a float number
  of times (`'#' * (trial / n * 20)`): the count rounded down with int();
- a list of dicts sorted with no key: sorted by the one key whose values are all numbers;
- `'{word}'.format(trial)` with a dict: `.format(**trial)`; named fields given their values by position
  (`'{rt:.3f}'.format(rt)`): the values named, in order;
- numbers kept as text: summed or averaged by numpy (`np.mean(rts)`): read as floats; a number added to text
  (`x + 0.5` where x came from a split line): float(x); `rts / len(rts)`: sum(rts);
- numbers written to a file: `f.write(rt)` -> str(rt), `','.join(row)` -> map(str, row); several values given
  to write() (`f.write(trial, rt)`) or a list of them (`f.write([trial, rt])`): one comma-separated line;
- an array's summary called on a list (`rts.mean()`): numpy's function of it where numpy is imported, else the
  builtin or the statistics module's (`statistics.mean(rts)`);
- a method of Python's own types called by a name close to its own (`'A'.lowercase()`; Python made no suggestion):
  that method;
- `str(rt, 3)` (digits given to str, which reads a second argument as an encoding): `str(round(rt, 3))`;
  `float(text, 2)`: `round(float(text), 2)`;
- `'{:d}'.format(percent)` of a float: `{:.0f}`;
- numpy arrays compared in an `if` (`if target.pos == probe.pos`): `(...).all()` for ==, `(...).any()` for !=;
- a string or tuple reversed or sorted with a list's method (`word.reverse()`): the reversed copy `word[::-1]`
  (`''.join(sorted(word))`, `tuple(sorted(t))`), kept where the line used the method's result;
- sets or dicts joined with `+` (`left_keys + right_keys`, `info + trial`): `|`, their union (dicts: Python 3.9+);
- a number given where a str method takes text ("replace() argument 2 must be str, not int"): str() of it;
- one dict looped over as if a list of dicts (`conditions = ({...})`, the parentheses make no tuple;
  "string indices must be integers" on `trial['word']`): the dict in a list.
"""

from __future__ import annotations

import ast
import difflib
import re

from .runtime_rules import _calls, _char, _imports, _last_name, _on_line, _splice, _wrap, import_edit

# containers that cannot change in place, and what makes each a list
FROZEN = ("tuple", "str", "range", "dict_keys", "dict_values", "dict_items", "map", "zip", "filter")
# what makes a view, a set or an iterator that cannot be indexed
VIEWS = ("keys", "values", "items", "zip", "map", "filter", "set", "reversed", "enumerate")
LIST_METHODS = ("append", "extend", "insert", "remove", "pop", "sort", "reverse", "clear")
# Python's own types, whose methods a student may spell from another language ('lowercase', 'size', 'push')
BUILTIN_TYPES = {"str": str, "list": list, "dict": dict, "set": set, "tuple": tuple, "int": int, "float": float}
NUMPY_REDUCE = ("mean", "median", "std", "var", "sum", "average", "min", "max", "nanmean", "nanstd")


def type_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "KeyError":
        return format_mapping(tree, line, message, source)
    if error_type == "AttributeError":
        m = re.search(r"'(\w+)' object has no attribute '(\w+)'", message)
        if m and m.group(1) in ("str", "tuple") and m.group(2) in ("reverse", "sort") and \
                (found := reordered_copy(tree, line, source, m.group(1), m.group(2))):
            return found
        if m and m.group(1) in FROZEN and m.group(2) in LIST_METHODS:
            return make_list(tree, line, source, _changed_names(tree, line, m.group(2)), m.group(1))
        if m and m.group(1) in ("list", "tuple") and m.group(2) in NUMPY_REDUCE:
            return reduce_the_list(tree, line, source, m.group(2))
        if m and m.group(1) in BUILTIN_TYPES:
            return method_spelled_otherwise(tree, line, source, m.group(1), m.group(2))
        return None
    if error_type == "ValueError" and re.search(r"Unknown format code 'd' for object of type 'float'", message):
        return format_code_for_float(tree, line, source)
    if error_type == "ValueError" and "truth value of an array with more than one element is ambiguous" in message:
        return all_or_any(tree, line, source)
    if error_type != "TypeError":
        return None
    m = re.search(r"(\w+)\(\) argument (\d+) must be str, not (int|float)", message)
    if m:
        return text_argument(tree, line, source, m.group(1), int(m.group(2)))
    if re.search(r"string indices must be integers", message) and (found := one_dict_listed(tree, line, source)):
        return found
    if re.search(r"string indices must be integers, not 'float'", message):
        return whole_index(tree, line, source)
    m = re.search(r"unsupported operand type\(s\) for \+=?: '(set|frozenset|dict)' and '(set|frozenset|dict)'", message)
    if m:
        return union_not_plus(tree, line, source)
    m = re.search(r"'(\w+)' object does not support item assignment", message)
    if m and m.group(1) in FROZEN:
        return make_list(tree, line, source, _changed_names(tree, line, None), m.group(1))
    m = re.search(r"'([\w.]+)' object is not subscriptable", message)
    if m and _an_iterator(m.group(1)):
        return list_to_index(tree, line, source)
    m = re.search(r"object of type '([\w.]+)' has no len\(\)", message)
    if m and _an_iterator(m.group(1)):
        return list_to_count(tree, line, source)
    m = re.search(r"'(int|float)' object is not iterable", message)
    if m:
        return range_of_count(tree, line, source)
    if re.search(r"object of type '(int|float)' has no len\(\)", message):
        return count_not_len(tree, line, source)
    m = re.search(r"(list|tuple) indices must be integers or slices, not (\w+)", message)
    if m:
        if m.group(2) == "float":
            return whole_index(tree, line, source)
        if m.group(2) == "str" and (found := dict_reader(tree, line, source)):
            return found
        found = item_not_index(tree, line, source)  # any kind of item: `conditions[trial]` with trial a dict
        return found or (position_from_text(tree, line, source) if m.group(2) == "str" else None)
    if re.search(r"'(list|tuple)' object is not callable", message):
        return index_not_call(tree, line, source)
    if "can't multiply sequence by non-int" in message:
        return scale_each(tree, line, source) or whole_repeat(tree, line, source)
    if re.search(r"'<' not supported between instances of 'dict' and 'dict'", message):
        return sort_by_number_key(tree, line, source)
    if re.search(r"reduce|resolved dtypes|ufunc 'add' did not contain a loop|flexible type", message):
        return numbers_from_text_list(tree, line, source)
    if re.search(r"unsupported operand type\(s\) for [-+*/]+: 'list' and 'int'", message):
        return sum_for_mean(tree, line, source)
    if re.search(r"can only concatenate str \(not \"(int|float)\"\)|unsupported operand type\(s\) for [-+*/]+: "
                 r"'str' and '(int|float)'", message):
        return float_of_text(tree, line, source)
    if re.search(r"write\(\) argument must be str, not (int|float)", message):
        return text_to_write(tree, line, source)
    if re.search(r"write\(\) argument must be str, not (list|tuple)", message):
        return row_to_write(tree, line, source)
    if re.search(r"sequence item \d+: expected str instance, (int|float) found", message):
        return join_as_text(tree, line, source)
    if re.search(r"write\(\) takes exactly one argument \(\d+ given\)", message):
        return one_line_to_write(tree, line, source)
    if "str() argument 'encoding' must be str, not int" in message:
        return round_then_str(tree, line, source)
    if "float expected at most 1 argument, got 2" in message:
        return round_then_str(tree, line, source, "float")
    return None


# ---- the rules -------------------------------------------------------------------------------------------------
def make_list(tree: ast.Module, line: int, source: str, names: list[str], kind: str):
    """The last one-line binding of a name changed on `line`, made a list: a tuple or list display's brackets,
    `''`/`()` -> `[]`, anything else in list(); when no binding is found, `x = list(x)` above the line."""
    lines = source.split("\n")
    for name in names:
        node = _binding(tree, name, line)
        if node is None:
            continue
        text = lines[node.lineno - 1]
        value = node.value
        start, end = value.col_offset, value.end_col_offset
        if isinstance(value, ast.Tuple):  # `(1, -1, -1)` or `1, -1, -1`: a list display
            written = ast.get_source_segment(source, value)
            new = "[" + (written[1:-1] if _parenthesised(text, value) else written) + "]"
        elif isinstance(value, ast.Constant) and value.value in ("", ()):
            new = "[]"
        else:
            new = "list(" + ast.get_source_segment(source, value) + ")"
        return (f"A {kind} cannot be changed in place: make {name} a list where it is made", node.lineno,
                _splice(text, start, end, new))
    if names:
        text = lines[line - 1]
        indent = text[:len(text) - len(text.lstrip())]
        return (f"A {kind} cannot be changed in place: make {names[0]} a list first", line,
                f"{indent}{names[0]} = list({names[0]})\n{text}")
    return None


def list_to_index(tree: ast.Module, line: int, source: str):
    """`d.keys()[0]` / `zip(a, b)[1]`: list() around the indexed call, or the name's one-line binding; a view
    handed to a call that indexes it (`random.choice(pairs.items())`): list() around the view."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Subscript):
        value = node.value
        if isinstance(value, ast.Call) and _last_name(value.func) in VIEWS:
            return ("This view cannot be indexed: make it a list first", line,
                    _wrap(text, [(value.col_offset, value.end_col_offset)], "list(", ")"))
    for node in _on_line(tree, line, ast.Subscript):
        if isinstance(node.value, ast.Name):
            found = make_list(tree, line, source, [node.value.id], "view")
            if found is not None and found[1] != line:
                return ("This view cannot be indexed: make it a list where it is made", found[1], found[2])
    for node in _on_line(tree, line, ast.Call):
        for arg in node.args:
            if isinstance(arg, ast.Call) and _last_name(arg.func) in VIEWS:
                return ("This view cannot be indexed: make it a list first", line,
                        _wrap(text, [(arg.col_offset, arg.end_col_offset)], "list(", ")"))
    return None


def list_to_count(tree: ast.Module, line: int, source: str):
    """`len(itertools.product(a, b))` / `len(pairs)` with pairs an iterator: list() around the call, or around
    what the name was bound to (the loop over it later then still has every item)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if not (isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Call):
            return ("An iterator has no length: make it a list first", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "list(", ")"))
        if isinstance(arg, ast.Name):
            found = make_list(tree, line, source, [arg.id], "iterator")
            if found is not None and found[1] != line:
                return ("An iterator has no length (and is used up once looped over): make it a list where it is "
                        "made", found[1], found[2])
    return None


def range_of_count(tree: ast.Module, line: int, source: str):
    """`for t in n_trials` with a number: `range(n_trials)`."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and node.iter.lineno == line == node.iter.end_lineno \
                and not isinstance(node.iter, (ast.Call, ast.List, ast.Tuple, ast.Constant)):
            return ("A number is not a sequence: loop over range() of it", line,
                    _wrap(text, [(node.iter.col_offset, node.iter.end_col_offset)], "range(", ")"))
    return None


def count_not_len(tree: ast.Module, line: int, source: str):
    """`range(len(n_blocks))` with a number: the number is the count already."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1 and \
                not isinstance(node.args[0], (ast.List, ast.Tuple, ast.Constant)):
            return ("This is a number, not a list: it is the count already", line,
                    _splice(text, node.col_offset, node.end_col_offset, ast.get_source_segment(source, node.args[0])))
    return None


def whole_index(tree: ast.Module, line: int, source: str):
    """`items[len(items) / 2]`: `//`; any other float index in int()."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Subscript):
        index = node.slice
        if isinstance(index, (ast.Slice, ast.Constant, ast.Tuple)):
            continue
        if isinstance(index, ast.BinOp) and isinstance(index.op, ast.Div):
            left = ast.get_source_segment(source, index.left)
            right = ast.get_source_segment(source, index.right)
            return ("An index must be a whole number: divide with //", line,
                    _splice(text, index.col_offset, index.end_col_offset, f"{left} // {right}"))
        return ("An index must be a whole number: int() of it", line,
                _wrap(text, [(index.col_offset, index.end_col_offset)], "int(", ")"))
    return None


def dict_reader(tree: ast.Module, line: int, source: str):
    """`row['emotion']` where row comes from csv.reader: csv.DictReader reads the header row as column names."""
    rows = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and node.lineno == line and isinstance(node.value, ast.Name) and \
                isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            rows.add(node.value.id)
    if not rows:
        return None
    lines = source.split("\n")
    for node in ast.walk(tree):
        reader = None
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id in rows:
            reader = node.iter  # for row in csv.reader(f) / for row in reader
        if reader is None:
            continue
        if isinstance(reader, ast.Name):
            bound = _binding(tree, reader.id, node.lineno)
            reader = bound.value if bound is not None else None
        if isinstance(reader, ast.Call) and isinstance(reader.func, ast.Attribute) and \
                reader.func.attr == "reader" and _last_name(reader.func.value) == "csv" and \
                not re.search(r"\bnext\(", source):  # a skipped header row: DictReader would skip a data row too
            text = lines[reader.lineno - 1]
            return ("A csv.reader row is a list: csv.DictReader reads the columns by their header names",
                    reader.lineno, _splice(text, reader.func.col_offset, reader.func.end_col_offset,
                                           ast.get_source_segment(source, reader.func)[:-len("reader")] +
                                           "DictReader"))
    return None


def item_not_index(tree: ast.Module, line: int, source: str):
    """`for word in words: words[word]`: the loop already gives the item."""
    text = source.split("\n")[line - 1]
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and isinstance(loop.iter, ast.Name)):
            continue
        for node in ast.walk(loop):
            if isinstance(node, ast.Subscript) and node.lineno == line == node.end_lineno and \
                    isinstance(node.value, ast.Name) and node.value.id == loop.iter.id and \
                    isinstance(node.slice, ast.Name) and node.slice.id == loop.target.id:
                return (f"{loop.target.id} is already an item of {loop.iter.id}, not its position", line,
                        _splice(text, node.col_offset, node.end_col_offset, loop.target.id))
    return None


def position_from_text(tree: ast.Module, line: int, source: str):
    """`places[place]` where place is digits read from text (a split line, a dialog): `places[int(place)]`. Not
    a key written as text (`trial['word']` on a list is another mistake), and one index on the line only."""
    text = source.split("\n")[line - 1]
    found = [n for n in _on_line(tree, line, ast.Subscript) if not isinstance(n.slice, (ast.Slice, ast.Constant))
             and isinstance(n.slice, (ast.Name, ast.Subscript, ast.Attribute))]
    if len(found) != 1:
        return None
    index = found[0].slice
    if isinstance(index, ast.Name) and _words_of(tree, index.id, line):
        return None  # words, not digits: index_rules' words_as_keys reads those
    return ("The position is text: read it as a whole number", line,
            _wrap(text, [(index.col_offset, index.end_col_offset)], "int(", ")"))


def index_not_call(tree: ast.Module, line: int, source: str):
    """`stims(i)` on a list: `stims[i]`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Name) and len(node.args) == 1 and not node.keywords and \
                _bound_to(tree, node.func.id, (ast.List, ast.Tuple, ast.ListComp)):
            return (f"{node.func.id} is a list: index it with [ ]", line,
                    _splice(text, node.col_offset, node.end_col_offset,
                            f"{node.func.id}[{ast.get_source_segment(source, node.args[0])}]"))
    return None


def scale_each(tree: ast.Module, line: int, source: str):
    """`size * 1.5` with a list of numbers: each number multiplied."""
    text = source.split("\n")[line - 1]
    for node, seq, factor in _products(tree, line):
        if isinstance(seq, ast.List) or (isinstance(seq, ast.Name) and
                                        _bound_to(tree, seq.id, (ast.List, ast.Tuple))):
            if isinstance(factor, ast.Constant) and isinstance(factor.value, str) or _holds_text(tree, seq):
                continue  # a list of words is not a list of numbers to scale
            seq_text = ast.get_source_segment(source, seq)
            factor_text = ast.get_source_segment(source, factor)
            return ("Multiplying a list repeats it: multiply each number", line,
                    _splice(text, node.col_offset, node.end_col_offset, f"[v * {factor_text} for v in {seq_text}]"))
    return None


def _products(tree: ast.Module, line: int):
    """(product, one factor, the other) for each `a * b` within `line`, both ways round."""
    for node in _on_line(tree, line, ast.BinOp):
        if isinstance(node.op, ast.Mult):
            yield node, node.left, node.right
            yield node, node.right, node.left


def sort_by_number_key(tree: ast.Module, line: int, source: str):
    """`trials.sort()` / `sorted(trials)` on dicts: sorted by the one key whose values are all numbers in the
    dicts the script writes for that list."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if any(k.arg == "key" for k in node.keywords):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr == "sort" and isinstance(node.func.value, ast.Name):
            name, at = node.func.value.id, node.end_col_offset - 1
            sep = ""
        elif isinstance(node.func, ast.Name) and node.func.id == "sorted" and node.args and \
                isinstance(node.args[0], ast.Name):
            name, at, sep = node.args[0].id, node.end_col_offset - 1, ", "
        else:
            continue
        key = _number_key(tree, name)
        if key is None:
            return None
        return (f"Dicts cannot be compared: sort by {key!r}", line,
                _splice(text, at, at, f"{sep}key=lambda item: item[{key!r}]"))
    return None


def format_mapping(tree: ast.Module, line: int, message: str, source: str):
    """`'{word}'.format(trial)` with a dict: `.format(**trial)`; the values of named fields given by position
    (`'{rt:.3f}'.format(rt)`, `'{trial}: {rt}'.format(n, t)`): named, in order."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "format" and node.args and
                not node.keywords and isinstance(node.func.value, ast.Constant) and
                isinstance(node.func.value.value, str) and not any(isinstance(a, ast.Starred) for a in node.args)):
            continue
        fields = list(dict.fromkeys(re.findall(r"(?<!\{)\{([A-Za-z_]\w*)", node.func.value.value)))
        if not fields or message.strip("'\"") not in fields:  # the missing key is one of the named fields
            continue
        arg = node.args[0]
        given = [ast.get_source_segment(source, a) for a in node.args]
        if len(node.args) == 1 and isinstance(arg, (ast.Name, ast.Subscript)) and \
                (len(fields) > 1 or _a_mapping(tree, arg)):
            return ("The fields are named: pass the dict's items with **", line,
                    _splice(text, arg.col_offset, arg.end_col_offset, "**" + given[0]))
        if len(node.args) == len(fields):
            named = ", ".join(f"{f}={g}" for f, g in zip(fields, given))
            return ("The fields are named: name the values given to them", line,
                    _splice(text, arg.col_offset, node.args[-1].end_col_offset, named))
    return None


def numbers_from_text_list(tree: ast.Module, line: int, source: str):
    """`np.mean(rts)` where rts holds text: the values read as floats."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr in NUMPY_REDUCE and node.args and \
                isinstance(node.args[0], (ast.Name, ast.Subscript, ast.Attribute)):
            arg = ast.get_source_segment(source, node.args[0])
            return ("The values are text: read them as numbers first", line,
                    _splice(text, node.args[0].col_offset, node.args[0].end_col_offset,
                            f"[float(v) for v in {arg}]"))
    return None


def sum_for_mean(tree: ast.Module, line: int, source: str):
    """`rts / len(rts)`: the total is sum(rts)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.BinOp):
        if isinstance(node.op, ast.Div) and isinstance(node.left, ast.Name) and isinstance(node.right, ast.Call) \
                and _last_name(node.right.func) == "len" and node.right.args and \
                ast.dump(node.right.args[0]) == ast.dump(node.left):
            return (f"{node.left.id} is a list: its total is sum({node.left.id})", line,
                    _wrap(text, [(node.left.col_offset, node.left.end_col_offset)], "sum(", ")"))
    return None


def float_of_text(tree: ast.Module, line: int, source: str):
    """`x + 0.5` where x is text read from a file or a split line: float(x). Not when the other side is text
    itself (that is a string join: runtime_rules.str_concat's)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.BinOp):
        if not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            continue
        for value, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, ast.Constant) and isinstance(other.value, (int, float)) and \
                    not isinstance(other.value, bool) and isinstance(value, (ast.Name, ast.Subscript)):
                return ("The value is text: turn it into a number with float()", line,
                        _wrap(text, [(value.col_offset, value.end_col_offset)], "float(", ")"))
    return None


def text_to_write(tree: ast.Module, line: int, source: str):
    """`f.write(rt)` with a number: str(rt)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "write" and len(node.args) == 1:
            arg = node.args[0]
            return ("A file is written text: str() of the number", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "str(", ")"))
    return None


def row_to_write(tree: ast.Module, line: int, source: str):
    """`f.write([trial, key])`: one comma-separated line of the values, `','.join(map(str, ...)) + '\\n'` (no line
    break added where the script writes each one on its own: `f.write('\\n')`)."""
    text = source.split("\n")[line - 1]
    writes = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _last_name(n.func) == "write" and n.args]
    own_breaks = any(isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value == "\n"
                     for n in writes for a in n.args[:1])
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "write" and len(node.args) == 1:
            arg = node.args[0]
            return ("A file is written text: the values joined into one line", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "','.join(map(str, ",
                          "))" + ("" if own_breaks else " + '\\n'")))
    return None


def join_as_text(tree: ast.Module, line: int, source: str):
    """`','.join(row)` with numbers in row: map(str, row)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join" and len(node.args) == 1 and \
                isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            arg = node.args[0]
            return ("join() needs text: map(str, ...) turns the numbers into text", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "map(str, ", ")"))
    return None


# ---- helpers ---------------------------------------------------------------------------------------------------
def _changed_names(tree: ast.Module, line: int, method: str | None) -> list[str]:
    """Names changed in place on `line`: `x[i] = v` targets, `random.shuffle(x)`, `x.method(...)`."""
    names = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) != line:
            continue
        if method is None and isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.value.id for t in targets if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if method is None and node.func.attr == "shuffle" and node.args and isinstance(node.args[0], ast.Name):
                names.append(node.args[0].id)
            if method is not None and node.func.attr == method and isinstance(node.func.value, ast.Name):
                names.append(node.func.value.id)
    return names


def _binding(tree: ast.Module, name: str, line: int) -> ast.Assign | None:
    """The last one-line `name = ...` above `line`."""
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
             isinstance(n.targets[0], ast.Name) and n.targets[0].id == name and n.lineno < line and
             n.lineno == n.end_lineno]
    return max(found, key=lambda n: n.lineno) if found else None


def _empty(value: ast.expr | None, kind: str) -> bool:
    """Whether `value` makes an empty `kind` ("dict" or "list"): `{}` / `[]`, or `dict()` / `list()`."""
    display = ast.Dict if kind == "dict" else ast.List
    if isinstance(value, display):
        return not (value.keys if kind == "dict" else value.elts)
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == kind and \
        not value.args and not value.keywords


def _a_mapping(tree: ast.Module, node: ast.expr) -> bool:
    """Whether `node` reads as one trial's dict: a name bound to a dict display or dict(), or a loop's variable
    (`for trial in trials`), or an item of such a name."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if not isinstance(node, ast.Name):
        return False
    value = _first_value(tree, node.id)
    if isinstance(value, ast.Dict) or (isinstance(value, ast.Call) and _last_name(value.func) == "dict"):
        return True
    return any(isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name) and
               n.target.id == node.id for n in ast.walk(tree))


def _an_iterator(kind: str) -> bool:
    """Whether Python's type name `kind` is a view, a set or an iterator: what list() makes indexable."""
    return kind in FROZEN[2:] + ("set", "frozenset", "enumerate", "reversed", "generator") or \
        kind.startswith("itertools.") or kind.endswith("_iterator")


def _holds_text(tree: ast.Module, seq: ast.expr) -> bool:
    """Whether the list display `seq` (or the one its name was first bound to) has text among its items."""
    if isinstance(seq, ast.Name):
        seq = _first_value(tree, seq.id) or seq
    return isinstance(seq, (ast.List, ast.Tuple)) and any(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                                          for e in seq.elts)


def _first_value(tree: ast.Module, name: str) -> ast.expr | None:
    """What the script's first `name = ...` assigns."""
    return next((n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                 isinstance(n.targets[0], ast.Name) and n.targets[0].id == name), None)


def _bound_to(tree: ast.Module, name: str, kinds: tuple) -> bool:
    """Whether the first assignment of `name` in the script is one of `kinds` (`size = [0.2, 0.2]`, later
    `size = size * 1.5`: a list)."""
    return isinstance(_first_value(tree, name), kinds)


def _number_key(tree: ast.Module, name: str) -> str | None:
    """The one key whose values are numbers in every dict display of the list `name` is assigned."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == name and isinstance(node.value, ast.List) and node.value.elts and
                all(isinstance(e, ast.Dict) for e in node.value.elts)):
            continue
        common = None
        for d in node.value.elts:
            numeric = {k.value for k, v in zip(d.keys, d.values) if isinstance(k, ast.Constant) and
                       isinstance(v, ast.Constant) and isinstance(v.value, (int, float)) and
                       not isinstance(v.value, bool)}
            common = numeric if common is None else common & numeric
        if common and len(common) == 1:
            return common.pop()
    return None


def _words_of(tree: ast.Module, name: str, line: int) -> list[str]:
    """The words `name` takes, in written order, when known: a loop over a written list of words (or a name bound
    to one), or a random.choice of one."""
    def words(node):
        if isinstance(node, ast.Name):
            node = _first_value(tree, node.id)
        if isinstance(node, (ast.List, ast.Tuple)) and node.elts and \
                all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            seen = []
            for e in node.elts:
                if e.value not in seen:
                    seen.append(e.value)
            return seen if not any(w.strip().lstrip("-").isdigit() for w in seen) else []
        return []

    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == name and \
                node.lineno < line <= node.end_lineno:
            return words(node.iter)
    binding = _binding(tree, name, line)
    if binding is not None and isinstance(binding.value, ast.Call) and _last_name(binding.value.func) == "choice" \
            and binding.value.args:
        return words(binding.value.args[0])
    return []


def _parenthesised(text: str, node: ast.Tuple) -> bool:
    a, b = _char(text, node.col_offset), _char(text, node.end_col_offset)
    return text[a:a + 1] == "(" and text[b - 1:b] == ")"


def one_line_to_write(tree: ast.Module, line: int, source: str):
    """`log.write(trial, rt)`: write() takes one string; the values as one comma-separated line."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("write",)):
        if len(node.args) < 2 or node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        parts = [ast.get_source_segment(source, a) for a in node.args]
        if any(p is None for p in parts):
            return None
        quote = next((q for q in ('"', "'") if not any(q in p or "\\" in p for p in parts)), None)
        if quote is None:  # an f-string (before 3.12) cannot hold its own quote or a backslash in a field
            line_text = f"','.join(map(str, ({', '.join(parts)}))) + '\\n'"
        else:
            line_text = "f" + quote + ",".join("{" + p + "}" for p in parts) + "\\n" + quote
        start, end = node.args[0].col_offset, node.args[-1].end_col_offset
        return ("write() takes one string: the values as one comma-separated line", line,
                _splice(text, start, end, line_text))
    return None


def round_then_str(tree: ast.Module, line: int, source: str, conversion: str = "str"):
    """`str(rt, 3)`: str reads a second argument as an encoding; the digits go to round() first. `float(text, 2)`
    (float takes one argument): `round(float(text), 2)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == conversion and len(node.args) == 2 and \
                not node.keywords and not (isinstance(node.args[1], ast.Constant) and
                                           isinstance(node.args[1].value, str)):
            value, digits = (ast.get_source_segment(source, a) for a in node.args)
            if value is None or digits is None:
                return None
            if conversion == "float":
                return ("float() takes no digits: round the number it makes", line,
                        _splice(text, node.col_offset, node.end_col_offset, f"round(float({value}), {digits})"))
            return ("str() takes no digits: round the number first", line,
                    _splice(text, node.args[0].col_offset, node.args[1].end_col_offset,
                            f"round({value}, {digits})"))
    return None


def whole_repeat(tree: ast.Module, line: int, source: str):
    """`'#' * (done / total * 20)`: text repeats a whole number of times; int() of the count."""
    text = source.split("\n")[line - 1]
    for _node, seq, count in _products(tree, line):
        if isinstance(seq, ast.Constant) and isinstance(seq.value, str) and \
                not (isinstance(count, ast.Constant) and isinstance(count.value, str)):
            new = _wrap(text, [(count.col_offset, count.end_col_offset)], "int(", ")")
            inner = ast.get_source_segment(source, count)
            new = new.replace(f"(int({inner}))", f"int({inner})")  # '(a / b)' keeps no extra parentheses
            return ("Text repeats a whole number of times: int() of the count", line, new)
    return None


# a list's summaries without numpy: Python's builtins, then the statistics module (numpy's std and var are the
# population's: pstdev, pvariance)
BUILTIN_REDUCE = {"sum": "sum", "min": "min", "max": "max"}
STATISTICS_REDUCE = {"mean": "mean", "average": "mean", "median": "median", "std": "pstdev", "var": "pvariance"}


def reduce_the_list(tree: ast.Module, line: int, source: str, method: str):
    """`rts.mean()` on a list (an array's method): numpy's function of it where the script imports numpy
    (`np.mean(rts)`, arguments kept), else the builtin (`sum(rts)`) or the statistics module's (`statistics.mean`,
    imported); numpy imported when neither has it (`nanmean`)."""
    text = source.split("\n")[line - 1]
    numpy = _imports(tree).get("numpy")
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == method and node.end_lineno == line):
            continue
        args = [ast.get_source_segment(source, a) for a in [func.value, *node.args, *node.keywords]]
        edit = None
        if numpy is None and method in BUILTIN_REDUCE and len(args) == 1:
            call = f"{method}({args[0]})"
        elif numpy is None and method in STATISTICS_REDUCE and len(args) == 1:
            call = f"statistics.{STATISTICS_REDUCE[method]}({args[0]})"
            edit = import_edit(tree, source, "statistics", "import statistics")
        else:
            if numpy is None:
                numpy, edit = "np", import_edit(tree, source, "np", "import numpy as np")
            call = f"{numpy}.{method}({', '.join(args)})"
        fix = (f"A list has no {method}(): `{call}`", line, _splice(text, node.col_offset, node.end_col_offset, call))
        return fix if edit is None else (*fix, (edit,))
    return None


def format_code_for_float(tree: ast.Module, line: int, source: str):
    """`'{:d}%'.format(percent)` / `f'{percent:d}'` with a float: `.0f` shows it as a whole number, rounded (one
    such field on the line; with two, which one holds the float is not said)."""
    text = source.split("\n")[line - 1]
    fields = list(re.finditer(r"\{[^{}:]*:([^{}]*?)d\}", text))
    if len(fields) != 1:
        return None
    spec = fields[0]
    return ("d shows whole numbers only and this value is a float: .0f shows it rounded", line,
            text[:spec.start(1)] + spec.group(1) + ".0f" + text[spec.end(1) + 1:])


def all_or_any(tree: ast.Module, line: int, source: str):
    """`if target.pos == probe.pos:` with numpy arrays (a stimulus's pos is one): `(a == b).all()`, every element
    equal; `!=`: `.any()`. Other comparisons (`if rts > 2`): whether any or every one is meant is not said."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        test = getattr(node, "test", None)
        if isinstance(node, (ast.If, ast.While, ast.IfExp)) and isinstance(test, ast.Compare) and \
                test.lineno == line == test.end_lineno and len(test.ops) == 1 and \
                isinstance(test.ops[0], (ast.Eq, ast.NotEq)):
            how = "all" if isinstance(test.ops[0], ast.Eq) else "any"
            return (f"Comparing arrays gives one answer per element: .{how}() of them", line,
                    _wrap(text, [(test.col_offset, test.end_col_offset)], "(", f").{how}()"))
    return None


def method_spelled_otherwise(tree: ast.Module, line: int, source: str, kind: str, attribute: str):
    """`shown.lowercase()`: a method called on a str (list, dict ...) that the type spells otherwise, when exactly
    one of its methods is close (difflib): that one. Only a call: `trial.word` on a dict is a key (runtime_rules)."""
    methods = [m for m in dir(BUILTIN_TYPES[kind]) if not m.startswith("_")]
    close = difflib.get_close_matches(attribute, methods, n=2, cutoff=0.7)
    if len(close) != 1:
        return None
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == attribute:
            start = func.end_col_offset - len(attribute)
            return (f"A {kind} has no {attribute}(): it is spelled {close[0]}()", line,
                    _splice(text, start, func.end_col_offset, close[0]))
    return None


def reordered_copy(tree: ast.Module, line: int, source: str, kind: str, method: str):
    """`mirrored = word.reverse()` on a str (or tuple): neither changes in place, so the line gets the reordered
    copy the author wanted: `word[::-1]`, `''.join(sorted(word))` / `tuple(sorted(t))`; `word.reverse()` as a
    statement becomes `word = word[::-1]`. Only a call with no arguments (`sort(key=...)` keeps to make_list)."""
    text = source.split("\n")[line - 1]
    statements = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == method and not node.args and not node.keywords):
            continue
        owner = ast.get_source_segment(source, func.value)
        if owner is None:
            return None
        if not isinstance(func.value, (ast.Name, ast.Attribute, ast.Subscript)):
            owner = f"({owner})"
        copy = f"{owner}[::-1]" if method == "reverse" else \
            f"''.join(sorted({owner}))" if kind == "str" else f"tuple(sorted({owner}))"
        if id(node) in statements:
            if not isinstance(func.value, (ast.Name, ast.Attribute, ast.Subscript)):
                return None
            copy = f"{owner} = {copy}"
        done = {"reverse": "reversed", "sort": "sorted"}[method]
        return (f"A {kind} cannot be {done} in place: use a {done} copy", line,
                _splice(text, node.col_offset, node.end_col_offset, copy))
    return None


def union_not_plus(tree: ast.Module, line: int, source: str):
    """`allowed = left_keys + right_keys` with sets (or dicts): `+` does not join them; `|` makes their union
    (`a += b` -> `a |= b`). Only where the line has one `+` between values that are not numbers or text."""
    text = source.split("\n")[line - 1]
    plain = (ast.Constant, ast.JoinedStr)
    adds = [n for n in _on_line(tree, line, ast.BinOp) if isinstance(n.op, ast.Add) and
            not isinstance(n.left, plain) and not isinstance(n.right, plain)]
    augmented = [n for n in _on_line(tree, line, ast.AugAssign) if isinstance(n.op, ast.Add)]
    if len(adds) + len(augmented) != 1:
        return None
    if augmented:
        node = augmented[0]
        between = text[_char(text, node.target.end_col_offset):_char(text, node.value.col_offset)]
        if between.count("+=") != 1:
            return None
        start = _char(text, node.target.end_col_offset)
        return ("Sets and dicts are joined with |=, not +=", line,
                text[:start] + between.replace("+=", "|=") + text[start + len(between):])
    node = adds[0]
    start, end = _char(text, node.left.end_col_offset), _char(text, node.right.col_offset)
    between = text[start:end]
    if between.count("+") != 1:
        return None
    return ("Sets and dicts are joined with | (their union), not +", line,
            text[:start] + between.replace("+", "|") + text[end:])


def text_argument(tree: ast.Module, line: int, source: str, method: str, position: int):
    """`template.replace('N', block + 1)`: the method takes text there; str() of the argument Python names."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, (method,)):
        if len(node.args) >= position:
            arg = node.args[position - 1]
            return (f"{method}() takes text: str() of argument {position}", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "str(", ")"))
    return None


def one_dict_listed(tree: ast.Module, line: int, source: str):
    """`conditions = ({'word': 'RED', ...})` (or no parentheses) then `for trial in conditions:` ...
    `trial['word']`: the loop goes over the dict's keys, which are text. The dict put in a list where it is bound,
    when the name is bound once, to a dict display, and a loop over it reads its items by key."""
    lines = source.split("\n")
    keyed = {n.value.id for n in _on_line(tree, line, ast.Subscript) if isinstance(n.value, ast.Name) and
             isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str)}
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.target.id in keyed and
                isinstance(loop.iter, ast.Name) and loop.lineno < line <= loop.end_lineno):
            continue
        bound = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and
                 any(isinstance(t, ast.Name) and t.id == loop.iter.id for t in n.targets)]
        if len(bound) != 1 or not isinstance(bound[0].value, ast.Dict):
            return None
        value = bound[0].value
        at = value.lineno
        text = lines[at - 1]
        if value.end_lineno != at:
            return None
        start, end = _char(text, value.col_offset), _char(text, value.end_col_offset)
        before, after = text[:start].rstrip(), text[end:].lstrip()
        if before.endswith("(") and after.startswith(")"):  # `({...})`: the parentheses become the list's brackets
            open_at, close_at = len(before) - 1, end + (len(text[end:]) - len(after))
            new = text[:open_at] + "[" + text[start:end] + "]" + text[close_at + 1:]
        else:
            new = text[:start] + "[" + text[start:end] + "]" + text[end:]
        return (f"{loop.iter.id} is one dict: a loop over it gives its keys. Put it in a list of conditions", at, new)
    return None
