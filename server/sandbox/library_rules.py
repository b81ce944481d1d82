"""Repairs for Python's standard library used the way it does not work, read off the exception's message. Same
contract as runtime_rules.py and type_rules.py: pure, (title, line, new text[, other edits]) or None, one line
changed (plus an import the fix needs), nothing offered before a re-run proves it.

- a class's method called on its module (`datetime.now()`): the one class of that standard module that has it
  (`datetime.datetime.now()`), found by reading the module itself;
- `random.sample` of a set or dict: sorted() of it, as Python's own message says;
- `random.randint` / `random.randrange` with fractional bounds (a jittered duration): `random.uniform`;
- `'{:.2f}'.format(text)`: float() of the text;
- a csv.DictWriter given a row with a column its fieldnames lack: the column added to the fieldnames written
  in the script (the list in the call, or the list the name given to it was bound to);
- `time.strftime(fmt, time.time())` (a number where a time tuple is needed): `time.localtime(...)` of it;
- numpy's numbers given to json (`Object of type int64 is not JSON serializable`): `default=int` / `float` /
  `bool`, or a list for an array, on the dump;
- a module function that is a builtin (`math.round(x)`, numpy's removed aliases `np.float`, `np.int`): the builtin;
- a function looked up in the wrong module (`math.mean`, `np.randint`, `os.exists`): the one module that has it,
  a module the script imports first (`np.mean` where numpy is imported, `np.random.randint`), else a standard one
  (`statistics.mean`, imported);
- a file's header row read as data (`float('duration')` in a loop over the file's lines): skipped (`next(f)`
  before the loop, or the lines from the second);
- numpy given a shape's or a sequence's items as separate arguments (`np.zeros(n, 2)`, `np.concatenate(a, b)`,
  `np.vstack(a, b)`): one tuple of them;
- pandas' removed methods (pandas 2): `df = df.append(row, ignore_index=True)` -> `pd.concat` of the frame and a
  one-row frame of the row; `iteritems()` -> `items()`;
- numpy's random choice of a list whose items are sequences (`np.random.choice(pairs)`, "a must be
  1-dimensional"): one item, picked by its position (`pairs[np.random.choice(len(pairs))]`);
- `time.time() - start` where start is `time.localtime()` (a time tuple): start taken as `time.time()`.
(Python 2 idioms and functions Python removed: legacy_rules.py; files and folders: file_rules.py.)
"""

from __future__ import annotations

import ast
import builtins
import importlib
import re
from types import ModuleType

from .runtime_rules import (TEXT_TO_NUMBER, _called, _calls, _imports, _last_name, _module_attributes, _on_line,
                            _splice, _wrap, import_edit)

# standard modules whose classes students call through the module (read with importlib: nothing downloads,
# nothing of the user's runs)
MODULES = ("datetime", "time", "random", "math", "statistics", "json", "csv", "os", "collections", "itertools",
           "string", "pathlib", "decimal", "fractions")
# modules whose submodules hold functions students call on the parent (`np.randint`, `os.exists`)
SUBMODULES = {"numpy": ("random", "linalg"), "os": ("path",)}
# numpy functions whose first parameter is a shape, or a sequence of arrays, that students spread over arguments
NUMPY_ONE_SEQUENCE = {"zeros": "shape", "ones": "shape", "empty": "shape", "concatenate": "arrays",
                      "stack": "arrays", "vstack": "arrays", "hstack": "arrays", "dstack": "arrays",
                      "column_stack": "arrays", "row_stack": "arrays"}


def library_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    m = re.search(r"module '(\w+)' has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m and (found := class_member(tree, line, source, m.group(1), m.group(2)) or
                                                 builtin_for_module(tree, line, source, m.group(1), m.group(2),
                                                                    "alias for the builtin" in message) or
                                                 other_module(tree, line, source, m.group(1), m.group(2))):
        return found
    if error_type == "TypeError" and re.search(r"Cannot interpret '.*' as a data type|only integer scalar arrays "
                                               r"can be converted|_dispatcher\(\) takes", message):
        return one_sequence(tree, line, source)
    if error_type == "TypeError" and "Population must be a sequence" in message:
        return sorted_population(tree, line, source)
    if (error_type == "ValueError" and "non-integer arg" in message and "randrange" in message) or \
            (error_type == "TypeError" and "'float' object cannot be interpreted as an integer" in message):
        return uniform_for_fractions(tree, line, source)
    m = re.search(r"dict contains fields not in fieldnames: (.+)", message)
    if error_type == "ValueError" and m:
        return add_fieldnames(tree, source, re.findall(r"'([^']*)'", m.group(1)))
    if error_type == "TypeError" and "Tuple or struct_time argument required" in message:
        return local_time(tree, line, source)
    m = re.search(r"Object of type (\w+) is not JSON serializable", message)
    if error_type == "TypeError" and m:
        return json_default(tree, line, source, m.group(1))
    m = TEXT_TO_NUMBER.search(message)
    if error_type == "ValueError" and m and re.fullmatch(r"[A-Za-z_][A-Za-z_ ]*", m.group(1) or m.group(2) or ""):
        return header_row(tree, line, source)
    if error_type == "TypeError" and re.search(r"unsupported operand type\(s\) for -: "
                                               r"'(float|time\.struct_time)' and '(float|time\.struct_time)'", message):
        return seconds_not_tuple(tree, line, source)
    m = re.search(r"'(DataFrame|Series)' object has no attribute '(append|iteritems)'", message)
    if error_type == "AttributeError" and m:
        return pandas_removed(tree, line, source, m.group(2))
    if error_type == "ValueError" and "a must be 1-dimensional" in message:
        return choice_by_position(tree, line, source)
    m = re.search(r"Unknown format code '([eEfFgGdn%])' for object of type 'str'", message)
    if error_type == "ValueError" and m:
        return number_to_format(tree, line, source, m.group(1))
    return None


def class_member(tree: ast.Module, line: int, source: str, module: str, attribute: str):
    """`datetime.now()`: the one class of the module that has `now` (`datetime.datetime.now()`)."""
    if module not in MODULES:
        return None
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    owners = sorted(name for name, value in vars(mod).items() if isinstance(value, type) and
                    not name.startswith("_") and hasattr(value, attribute))
    if len(owners) != 1:
        return None
    node = next(iter(_module_attributes(tree, line, module, attribute)), None)
    if node is None:
        return None
    return (f"`{attribute}` belongs to the class {module}.{owners[0]}, not to the module", line,
            _splice(source.split("\n")[line - 1], node.value.end_col_offset, node.value.end_col_offset,
                    f".{owners[0]}"))


def builtin_for_module(tree: ast.Module, line: int, source: str, module: str, name: str, alias: bool = False):
    """`math.round(x)`, `np.float(x)`: the module has no such function, Python has it as a builtin. Called, or
    named by the module's own message as an alias of the builtin (`dtype=np.float`); `datetime.min` (a class's
    attribute read through the module) is neither."""
    if not hasattr(builtins, name) or name.startswith("_") or not callable(getattr(builtins, name)):
        return None
    called = _called(tree)
    # the module's message names it, not the name it was imported as here
    node = next((n for n in _module_attributes(tree, line, None, name) if alias or id(n) in called), None)
    if node is None:
        return None
    return (f"`{name}` is one of Python's builtins, not part of {module}: call `{name}` itself", line,
            _splice(source.split("\n")[line - 1], node.col_offset, node.end_col_offset, name))


def other_module(tree: ast.Module, line: int, source: str, module: str, name: str):
    """`math.mean(rts)`: the module that has `mean`. Modules the script imports (and their submodules) first, so
    `np.mean` where numpy is imported; else the one standard module that has it, imported (`statistics.mean`).
    Two candidates of the same kind: nothing (the author's choice)."""
    imported = _imports(tree)  # module -> the name the script calls it by
    written = next((n for n in _module_attributes(tree, line, None, name) if n.value.id == imported.get(module)),
                   None)
    if written is None or name.startswith("_"):
        return None

    def has(path: str) -> bool:  # a function, class or constant of that name (a submodule is not one)
        try:
            return not isinstance(getattr(importlib.import_module(path), name, None), (type(None), ModuleType))
        except ImportError:
            return False

    mine = [(f"{alias}.{sub}" if sub else alias, f"{mod}.{sub}" if sub else mod)
            for mod, alias in imported.items() for sub in ("",) + SUBMODULES.get(mod, ()) if mod != module or sub]
    found = [m for m in mine if has(m[1])]
    if not found:
        found = [(m, m) for m in MODULES if m != module and m not in imported and has(m)]
    if len(found) != 1:
        return None
    call_name, path = found[0]
    fix = (f"`{name}` is in {path}, not in {module}", line,
           _splice(source.split("\n")[line - 1], written.col_offset, written.end_col_offset, f"{call_name}.{name}"))
    edit = import_edit(tree, source, path, f"import {path}") if path.split(".")[0] not in imported else None
    return fix if edit is None else (*fix, (edit,))


def one_sequence(tree: ast.Module, line: int, source: str):
    """`np.zeros(n_trials, 2)` / `np.concatenate(a, b)`: numpy reads the second argument as a dtype or an axis;
    the shape or the arrays go in one tuple."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        kind = NUMPY_ONE_SEQUENCE.get(_last_name(node.func)) if isinstance(node.func, ast.Attribute) else None
        if kind is None or len(node.args) < 2 or node.end_lineno != line or \
                any(isinstance(a, ast.Starred) for a in node.args):
            continue
        args = node.args
        if kind == "arrays" and isinstance(args[0], (ast.Tuple, ast.List)):  # `np.concatenate((a, b), 1)`
            continue
        if kind == "shape":  # a dtype given by position stays (`np.zeros(3, int)` is not this mistake)
            args = [a for a in args if not (isinstance(a, ast.Constant) and isinstance(a.value, str))]
            if len(args) < 2 or args != node.args[:len(args)]:
                continue
        start, end = args[0].col_offset, args[-1].end_col_offset
        return (f"numpy takes the {'shape' if kind == 'shape' else 'arrays'} as one tuple", line,
                _wrap(text, [(start, end)], "(", ")"))
    return None


def header_row(tree: ast.Module, line: int, source: str):
    """`float(duration)` of a word (`'duration'`) inside a loop over a file's lines: the first line is the file's
    header. A file or csv reader looped over: `next(f)` before the loop; a list of its lines (`f.readlines()`, a
    name bound to one): the loop starts at the second (`[1:]`)."""
    lines = source.split("\n")
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For) and n.lineno < line <= n.end_lineno and
             n.iter.lineno == n.lineno == n.iter.end_lineno]
    if not loops:
        return None
    loop = max(loops, key=lambda n: n.lineno)  # the innermost
    text, it = lines[loop.lineno - 1], loop.iter
    kind = _lines_source(tree, it)
    if kind == "file":
        indent = text[:len(text) - len(text.lstrip())]
        return (f"The file's first line is its header: skip it with next({it.id})", loop.lineno,
                f"{indent}next({it.id})  # the header row\n{text}")
    if kind == "list":
        return ("The file's first line is its header: loop from the second line", loop.lineno,
                _wrap(text, [(it.col_offset, it.end_col_offset)], "", "[1:]"))
    if kind == "reader":  # `for row in csv.reader(f)`
        return ("The file's first line is its header: loop from the second row", loop.lineno,
                _wrap(text, [(it.col_offset, it.end_col_offset)], "list(", ")[1:]"))
    return None


def _lines_source(tree: ast.Module, node: ast.expr) -> str | None:
    """"file" for a name bound to an open file or a csv reader (`with open(p) as f`, `r = csv.reader(f)`); "list"
    for `f.readlines()` or a name bound to one (or to `.read().splitlines()`); "reader" for `csv.reader(f)` itself;
    else None."""
    if isinstance(node, ast.Call):
        name = _last_name(node.func)
        return "list" if name in ("readlines", "splitlines") else "reader" if name == "reader" else None
    if not isinstance(node, ast.Name):
        return None
    for n in ast.walk(tree):
        if isinstance(n, ast.withitem) and isinstance(n.optional_vars, ast.Name) and n.optional_vars.id == node.id \
                and isinstance(n.context_expr, ast.Call) and _last_name(n.context_expr.func) == "open":
            return "file"
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and \
                n.targets[0].id == node.id and isinstance(n.value, ast.Call):
            name = _last_name(n.value.func)
            if name in ("open", "reader", "DictReader"):
                return "file" if name != "DictReader" else None  # a DictReader reads the header itself
            if name in ("readlines", "splitlines"):
                return "list"
    return None


def sorted_population(tree: ast.Module, line: int, source: str):
    """`random.sample(colours, 2)` with a set: `random.sample(sorted(colours), 2)`."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("sample",)):
        if node.args:
            arg = node.args[0]
            return ("random.sample needs a sequence: sort the set first", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "sorted(", ")"))
    return None


def uniform_for_fractions(tree: ast.Module, line: int, source: str):
    """`random.randint(0.2, 0.5)`: whole numbers only; `random.uniform(0.2, 0.5)` draws between them."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("randint", "randrange")):
        if len(node.args) == 2 and not node.keywords and any(
                isinstance(a, ast.Constant) and isinstance(a.value, float) for a in node.args):
            func = node.func
            start = func.end_col_offset - len(func.attr if isinstance(func, ast.Attribute) else func.id)
            return ("randint draws whole numbers: random.uniform draws between two fractions", line,
                    _splice(text, start, func.end_col_offset, "uniform"))
    return None


def pandas_removed(tree: ast.Module, line: int, source: str, method: str):
    """pandas 2 removed DataFrame.append and iteritems: `df.append(row, ignore_index=True)` -> `pd.concat([df,
    pd.DataFrame([row])], ignore_index=True)` (a dict or Series row; a frame given as is), `iteritems()` ->
    `items()`. pandas under the name the script imports it as."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, (method,)):
        func = node.func
        if not isinstance(func, ast.Attribute):
            continue
        if method == "iteritems":
            start = func.end_col_offset - len(method)
            return ("pandas 2 renamed iteritems() items()", line, _splice(text, start, func.end_col_offset, "items"))
        pd = _imports(tree).get("pandas")  # the name the script calls pandas by
        if len(node.args) != 1 or pd is None or any(kw.arg not in ("ignore_index", "sort") for kw in node.keywords):
            return None
        frame, row = ast.get_source_segment(source, func.value), ast.get_source_segment(source, node.args[0])
        added = row if _a_frame(tree, node.args[0], pd) else f"{pd}.DataFrame([{row}])"
        rest = "".join(f", {ast.get_source_segment(source, kw)}" for kw in node.keywords)
        return ("pandas 2 removed DataFrame.append: pd.concat the frame and the new row", line,
                _splice(text, node.col_offset, node.end_col_offset, f"{pd}.concat([{frame}, {added}]{rest})"))
    return None


def _a_frame(tree: ast.Module, node: ast.expr, pd: str) -> bool:
    """Whether `node` is a pandas frame the script made (`pd.DataFrame(...)` or a name bound to one)."""
    def makes_frame(value):
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
            value.func.attr in ("DataFrame", "read_csv", "concat") and isinstance(value.func.value, ast.Name) and \
            value.func.value.id == pd
    if makes_frame(node):
        return True
    if isinstance(node, ast.Name):
        bound = [n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and
                 any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)]
        return bool(bound) and all(makes_frame(v) for v in bound)
    return False


def choice_by_position(tree: ast.Module, line: int, source: str):
    """`np.random.choice(pairs)` where pairs holds tuples (numpy picks from one dimension only): the item at a
    chosen position, `pairs[np.random.choice(len(pairs))]`. Only one pick of a named list (a `size` gives many)."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("choice",)):
        func = node.func
        if not (isinstance(func, ast.Attribute) and len(node.args) == 1 and not node.keywords and
                isinstance(node.args[0], (ast.Name, ast.Attribute))):
            continue
        head, items = ast.get_source_segment(source, func), ast.get_source_segment(source, node.args[0])
        return ("numpy picks from a flat list only: pick a position, then take that item", line,
                _splice(text, node.col_offset, node.end_col_offset, f"{items}[{head}(len({items}))]"))
    return None


def seconds_not_tuple(tree: ast.Module, line: int, source: str):
    """`time.time() - start` where `start = time.localtime()` (a time tuple, not seconds): start bound to
    `time.time()` where it is set (the last one-line binding before the line)."""
    names = {n.id for node in _on_line(tree, line, ast.BinOp) if isinstance(node.op, ast.Sub)
             for n in (node.left, node.right) if isinstance(n, ast.Name)}
    lines = source.split("\n")
    bindings = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                isinstance(n.targets[0], ast.Name) and n.targets[0].id in names and n.lineno < line and
                isinstance(n.value, ast.Call) and _last_name(n.value.func) in ("localtime", "gmtime") and
                not n.value.args and isinstance(n.value.func, ast.Attribute) and n.lineno == n.end_lineno]
    if not bindings:
        return None
    node = max(bindings, key=lambda n: n.lineno)
    module = ast.get_source_segment(source, node.value.func.value)
    text = lines[node.lineno - 1]
    return (f"{node.targets[0].id} is a time tuple: take the seconds, {module}.time(), to subtract", node.lineno,
            _splice(text, node.value.col_offset, node.value.end_col_offset, f"{module}.time()"))


def number_to_format(tree: ast.Module, line: int, source: str, code: str):
    """`'{:.2f}'.format(rt_text)` or `f'{rt:.2f}'` with text: float() of the value (int() for a 'd' field), the
    format needs a number; `.format(str(x))`: x itself. In an f-string, each field whose format ends in that code
    and whose value is a name, an item or an attribute."""
    text = source.split("\n")[line - 1]
    number = "int" if code in "dn" else "float"
    for node in _calls(tree, line, ("format",)):
        arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if isinstance(arg, ast.Call) and _last_name(arg.func) == "str" and len(arg.args) == 1:
            return ("The number was made text with str(): a number format needs the number itself", line,
                    _splice(text, arg.col_offset, arg.end_col_offset, ast.get_source_segment(source, arg.args[0])))
        if isinstance(arg, (ast.Name, ast.Subscript)):
            return (f"The value is text: a number format needs {number}() of it", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], f"{number}(", ")"))
    spans = []
    for field in _on_line(tree, line, ast.FormattedValue):
        spec = field.format_spec.values if isinstance(field.format_spec, ast.JoinedStr) else []
        written = "".join(v.value for v in spec if isinstance(v, ast.Constant))
        value = field.value
        if written.endswith(code) and isinstance(value, (ast.Name, ast.Subscript, ast.Attribute)) and \
                ast.get_source_segment(source, value) == ast.unparse(value):  # where Python says it is
            spans.append((value.col_offset, value.end_col_offset))
    if spans:
        return (f"The value is text: a number format needs {number}() of it", line,
                _wrap(text, spans, f"{number}(", ")"))
    return None


def add_fieldnames(tree: ast.Module, source: str, missing: list[str]):
    """`csv.DictWriter(f, fieldnames=['trial', 'word'])` and a row with 'rt': 'rt' added to that list, where it
    is written (in the call, or where the name given as fieldnames was bound to a list display)."""
    if not missing:
        return None
    lines = source.split("\n")
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and _last_name(n.func) == "DictWriter"):
        given = next((k.value for k in call.keywords if k.arg == "fieldnames"), None) or \
            (call.args[1] if len(call.args) > 1 else None)
        if isinstance(given, ast.Name):  # fieldnames=columns: the list display it was bound to
            bound = [n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                     isinstance(n.targets[0], ast.Name) and n.targets[0].id == given.id and n.lineno < call.lineno]
            given = bound[-1] if bound else None
        if not (isinstance(given, (ast.List, ast.Tuple)) and given.elts and given.lineno == given.end_lineno):
            continue
        text = lines[given.lineno - 1]
        at = given.elts[-1].end_col_offset
        added = "".join(f", {name!r}" for name in missing)
        return (f"The rows have {', '.join(map(repr, missing))}: add {'it' if len(missing) == 1 else 'them'} to "
                "the DictWriter's fieldnames",
                given.lineno, _splice(text, at, at, added))
    return None


def local_time(tree: ast.Module, line: int, source: str):
    """`time.strftime('%Y', time.time())`: strftime reads a time tuple; `time.localtime(time.time())` is one."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("strftime", "asctime")):
        arg = node.args[-1] if node.args and (_last_name(node.func) == "asctime" or len(node.args) == 2) else None
        if arg is not None and not (isinstance(arg, ast.Call) and _last_name(arg.func) in ("localtime", "gmtime")):
            return ("strftime needs a time tuple: time.localtime() of the seconds", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "time.localtime(", ")"))
    return None


# numpy's scalar and array types -> what json can write instead
_JSON_DEFAULT = [(r"u?int\d*|longlong|intc|intp", "int"), (r"float\d*|double|half|single", "float"),
                 (r"bool_?", "bool"), (r"ndarray", "lambda a: a.tolist()")]


def json_default(tree: ast.Module, line: int, source: str, kind: str):
    """`json.dump(summary, f)` with numpy's int64/float32 inside: json's own `default=` converts what it cannot
    write (int, float, bool, or a list for an array)."""
    convert = next((c for pattern, c in _JSON_DEFAULT if re.fullmatch(pattern, kind)), None)
    if convert is None:
        return None
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("dump", "dumps")):
        if any(k.arg == "default" for k in node.keywords) or not node.args:
            continue
        at = node.end_col_offset - 1  # before the closing parenthesis
        return (f"json cannot write numpy's {kind}: convert it with default={convert.split(':')[0]}", line,
                _splice(text, at, at, f", default={convert}"))
    return None
