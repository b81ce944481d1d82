"""Repairs for files and folders used the way they do not work, read off the exception's message. Same contract as
runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing offered before a re-run proves it).

- a file name given where an open file is needed (`json.dump(data, 'out.json')`, `csv.writer(path)`): open() it,
  for writing or reading as the call does;
- a file opened for writing in a folder that does not exist: the folder made first (`os.makedirs(..., exist_ok=True)`);
  `os.mkdir` of a folder inside one that does not exist: `os.makedirs`; a folder made again that exists (a
  FileExistsError from `os.makedirs(d)` / `os.mkdir(d)`, in a loop or on a second run): `exist_ok=True`;
- a file read that was opened for writing ("not readable": `json.load(f)` of `open(p, 'w')`), or written that was
  opened for reading ("not writable"): the mode where it is opened made 'r' / 'w'; a file opened in binary
  ('rb') whose contents are handled as text ("a bytes-like object is required, not 'str'"): opened as text.
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _calls, _last_name, _splice, _wrap, import_edit

# calls that need an open file, the argument that is the file, and how they use it
FILE_ARGS = {"dump": (1, "w"), "load": (0, "r"), "writer": (0, "w"), "DictWriter": (0, "w"), "reader": (0, "r"),
             "DictReader": (0, "r")}


def file_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if re.search(r"must have a \"write\" method|'str' object has no attribute '(write|read|readline)'", message):
        return open_the_path(tree, line, source)
    if error_type == "FileNotFoundError":
        return make_folder(tree, line, source)
    if error_type == "FileExistsError":
        return folder_exists(tree, line, source)
    if error_type == "UnsupportedOperation" and message.strip() in ("not readable", "not writable"):
        return file_mode(tree, line, source, "r" if message.strip() == "not readable" else "w")
    if error_type == "TypeError" and "a bytes-like object is required, not 'str'" in message:
        return file_mode(tree, line, source, "text")
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
    for node in _calls(tree, line, ("mkdir",)):  # `os.mkdir('data/P01')` without data/: makedirs makes both
        if len(node.args) == 1 and not node.keywords and _last_name(node.func) == "mkdir" and \
                isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            arg = ast.get_source_segment(source, node.args[0])
            return ("A folder above it does not exist: os.makedirs makes every missing folder", line,
                    _splice(text, node.col_offset, node.end_col_offset,
                            f"{node.func.value.id}.makedirs({arg}, exist_ok=True)"))
    for node in _calls(tree, line, ("open",)):
        mode = _open_mode(node)
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


def folder_exists(tree: ast.Module, line: int, source: str):
    """`os.makedirs(data_dir)` / `os.mkdir(data_dir)` of a folder that is there (made on an earlier block or run):
    `os.makedirs(data_dir, exist_ok=True)`, which makes it when missing and leaves it when not."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("makedirs", "mkdir")):
        if not (len(node.args) == 1 and isinstance(node.func, ast.Attribute) and
                isinstance(node.func.value, ast.Name)) or any(kw.arg in ("exist_ok", None) for kw in node.keywords):
            continue
        arg = ast.get_source_segment(source, node.args[0])
        rest = "".join(f", {ast.get_source_segment(source, kw)}" for kw in node.keywords)
        return ("The folder is there already: exist_ok=True makes it only when it is missing", line,
                _splice(text, node.col_offset, node.end_col_offset,
                        f"{node.func.value.id}.makedirs({arg}{rest}, exist_ok=True)"))
    return None


def _open_mode(call: ast.Call) -> ast.expr | None:
    """The mode argument of an open() call (None: not given, 'r')."""
    return call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)


def _opened(tree: ast.Module) -> dict[str, list[tuple[int, ast.Call]]]:
    """Names bound to an open() call (`with open(p, 'w') as f`, `f = open(p)`), each with (line, the call)."""
    found: dict[str, list[tuple[int, ast.Call]]] = {}
    for node in ast.walk(tree):
        pairs = [(item.optional_vars, item.context_expr) for item in node.items] if isinstance(node, ast.With) else \
            [(node.targets[0], node.value)] if isinstance(node, ast.Assign) and len(node.targets) == 1 else []
        for target, value in pairs:
            if isinstance(target, ast.Name) and isinstance(value, ast.Call) and _last_name(value.func) == "open":
                found.setdefault(target.id, []).append((value.lineno, value))
    return found


def _files_used_on(tree: ast.Module, line: int, opened: dict) -> list[str]:
    """The open files the statement on `line` reads or writes, directly (`json.load(f)`, `log.write(t)`) or through
    a loop variable or a name bound from them (`for row in f:` ... `row.split(',')`)."""
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and getattr(n, "lineno", 0) == line}
    files = [n for n in names if n in opened]
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id in names:
            files += [n.id for n in ast.walk(node.iter) if isinstance(n, ast.Name) and n.id in opened]
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in names for t in node.targets):
            files += [n.id for n in ast.walk(node.value) if isinstance(n, ast.Name) and n.id in opened]
    return list(dict.fromkeys(files))


def file_mode(tree: ast.Module, line: int, source: str, wanted: str):
    """`json.load(f)` where f is `open(p, 'w')` ("not readable"): the mode 'r' where f was opened (the binding
    before the line); written where opened for reading: 'w'; `wanted` 'text': a binary mode's 'b' dropped."""
    opened = _opened(tree)
    files = _files_used_on(tree, line, opened)
    if len(files) != 1:
        return None
    before = [(at, call) for at, call in opened[files[0]] if at <= line]
    if not before:
        return None
    at, call = max(before, key=lambda b: b[0])
    mode = _open_mode(call)
    lines = source.split("\n")
    text = lines[at - 1]
    if call.lineno != call.end_lineno:
        return None
    if wanted == "text":
        if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" in mode.value):
            return None
        new_mode = mode.value.replace("b", "")
        return ("The file was opened in binary: its lines are bytes, not text. Open it as text", at,
                _splice(text, mode.col_offset, mode.end_col_offset, repr(new_mode)))
    if mode is None:
        if wanted == "r":
            return None
        end = call.args[0].end_col_offset if call.args else None
        if end is None:
            return None
        return ("The file is opened for reading only: open it for writing ('w')", at,
                _splice(text, end, end, ", 'w'"))
    if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)):
        return None
    new_mode = re.sub(r"[rwax]\+?", wanted, mode.value, count=1)
    if new_mode == mode.value:
        return None
    doing = "reading" if wanted == "r" else "writing"
    return (f"The file is opened with {mode.value!r}: open it for {doing} ({new_mode!r})", at,
            _splice(text, mode.col_offset, mode.end_col_offset, repr(new_mode)))
