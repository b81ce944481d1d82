"""Repairs for Python's standard library used the way it does not work, read off the exception's message. Same
contract as runtime_rules.py and type_rules.py: pure, (title, line, new text[, other edits]) or None, one line
changed (plus an import the fix needs), nothing offered before a re-run proves it.

- a class's method called on its module (`datetime.now()`): the one class of that standard module that has it
  (`datetime.datetime.now()`), found by reading the module itself;
- `random.sample` of a set or dict: sorted() of it, as Python's own message says;
- `random.randint` / `random.randrange` with fractional bounds (a jittered duration): `random.uniform`;
- a file name given where an open file is needed (`json.dump(data, 'out.json')`, `csv.writer(path)`): open() it,
  for writing or reading as the call does;
- a file opened for writing in a folder that does not exist: the folder made first (`os.makedirs(..., exist_ok=True)`);
- `'{:.2f}'.format(text)`: float() of the text;
- Python 2 idioms from old tutorials: `d.has_key(k)` -> `k in d`, `string.letters` -> `string.ascii_letters`.
"""

from __future__ import annotations

import ast
import importlib
import re

from .runtime_rules import _calls, _last_name, _splice, _wrap, import_edit

# standard modules whose classes students call through the module (read with importlib: nothing downloads,
# nothing of the user's runs)
MODULES = ("datetime", "time", "random", "math", "statistics", "json", "csv", "os", "collections", "itertools",
           "string", "pathlib", "decimal", "fractions")
# calls that need an open file, the argument that is the file, and how they use it
FILE_ARGS = {"dump": (1, "w"), "load": (0, "r"), "writer": (0, "w"), "DictWriter": (0, "w"), "reader": (0, "r"),
             "DictReader": (0, "r")}


def library_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    m = re.search(r"module '(\w+)' has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m and (found := class_member(tree, line, source, m.group(1), m.group(2))):
        return found
    if error_type == "TypeError" and "Population must be a sequence" in message:
        return sorted_population(tree, line, source)
    if (error_type == "ValueError" and "non-integer arg" in message and "randrange" in message) or \
            (error_type == "TypeError" and "'float' object cannot be interpreted as an integer" in message):
        return uniform_for_fractions(tree, line, source)
    if re.search(r"must have a \"write\" method|'str' object has no attribute '(write|read|readline)'", message):
        return open_the_path(tree, line, source)
    if error_type == "FileNotFoundError":
        return make_folder(tree, line, source)
    m = re.search(r"Unknown format code '[eEfFgGdn%]' for object of type 'str'", message)
    if error_type == "ValueError" and m:
        return number_to_format(tree, line, source)
    if error_type == "AttributeError" and re.search(r"'dict' object has no attribute 'has_key'", message):
        return key_in_dict(tree, line, source)
    m = re.search(r"module 'string' has no attribute '(letters|lowercase|uppercase)'", message)
    if error_type == "AttributeError" and m:
        return ascii_constant(tree, line, source, m.group(1))
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
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == attribute and node.lineno == line == node.end_lineno \
                and isinstance(node.value, ast.Name) and node.value.id == module:
            return (f"`{attribute}` belongs to the class {module}.{owners[0]}, not to the module", line,
                    _splice(text, node.value.end_col_offset, node.value.end_col_offset, f".{owners[0]}"))
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


def open_the_path(tree: ast.Module, line: int, source: str):
    """`json.dump(data, 'out.json')` / `csv.writer(path)`: the file name opened (for writing or reading, as the
    call uses the file)."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, tuple(FILE_ARGS)):
        at, mode = FILE_ARGS[_last_name(node.func)]
        if len(node.args) <= at:
            continue
        arg = node.args[at]
        if isinstance(arg, ast.Call) and _last_name(arg.func) == "open":
            continue
        csv_call = _last_name(node.func) in ("writer", "DictWriter", "reader", "DictReader")
        how = ", 'w'" if mode == "w" else ""
        how += ", newline=''" if csv_call else ""
        verb = "writing" if mode == "w" else "reading"
        return (f"{_last_name(node.func)}() needs an open file, not its name: open it for {verb}", line,
                _wrap(text, [(arg.col_offset, arg.end_col_offset)], "open(", how + ")"))
    return None


def make_folder(tree: ast.Module, line: int, source: str):
    """`open(os.path.join(here, 'output', 'a.txt'), 'w')` where output/ does not exist: made first."""
    lines = source.split("\n")
    text = lines[line - 1]
    for node in _calls(tree, line, ("open",)):
        mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"),
                                                             None)
        if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax")):
            continue  # reading: the file itself is missing, a folder would not help
        path = ast.get_source_segment(source, node.args[0]) if node.args else None
        if path is None:
            return None
        indent = text[:len(text) - len(text.lstrip())]
        fix = ("The folder does not exist: make it before writing the file", line,
               f"{indent}os.makedirs(os.path.dirname({path}), exist_ok=True)\n{text}")
        edit = import_edit(tree, source, "os", "import os")
        return fix if edit is None else (*fix, (edit,))
    return None


def number_to_format(tree: ast.Module, line: int, source: str):
    """`'{:.2f}'.format(rt_text)` with text: float() of the argument (the format needs a number)."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("format",)):
        if len(node.args) == 1 and not node.keywords and isinstance(node.args[0], (ast.Name, ast.Subscript)):
            arg = node.args[0]
            return ("The value is text: a number format needs float() of it", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "float(", ")"))
    return None


def key_in_dict(tree: ast.Module, line: int, source: str):
    """`d.has_key(k)` (Python 2): `k in d`."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("has_key",)):
        if isinstance(node.func, ast.Attribute) and len(node.args) == 1:
            owner = ast.get_source_segment(source, node.func.value)
            key = ast.get_source_segment(source, node.args[0])
            return ("Python 3 dicts have no has_key(): test with `in`", line,
                    _splice(text, node.col_offset, node.end_col_offset, f"{key} in {owner}"))
    return None


def ascii_constant(tree: ast.Module, line: int, source: str, name: str):
    """`string.letters` (Python 2): `string.ascii_letters` (and lowercase, uppercase)."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == name and node.lineno == line == node.end_lineno and \
                isinstance(node.value, ast.Name) and node.value.id == "string":
            return (f"Python 3 calls it string.ascii_{name}", line,
                    _splice(text, node.value.end_col_offset + 1, node.end_col_offset, f"ascii_{name}"))
    return None
