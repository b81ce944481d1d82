"""Repairs for code written for an older Python or numpy (copied from an old tutorial or a lab's old script), read
off the exception's message. Same contract as runtime_rules.py: pure, (title, line, new text[, other edits]) or
None, the failing line changed (plus an import the fix needs), nothing offered before a re-run proves it.

- Python 2 idioms (`d.iteritems()`, `d.has_key(k)`, `xrange`, `raw_input`, `itertools.izip`, `d.keys()[0]`,
  `reduce`, `sys.maxint`, `unicode` ...): Python's own 2to3 fixers (lib2to3) rewrite the script and the failing
  line is taken from their output, only when the name the message reports is gone from it (2to3 knows the whole
  list; this module keeps none of its own). lib2to3 leaves Python in 3.13: there the rule offers nothing;
- a Python 2 module imported (`import cPickle`, `Tkinter`, `ConfigParser`, `urllib2`): 2to3's import fixers
  rename it on every line that names it;
- `print >>f, a, b` (Python 3 reads `print >> f` as a shift): 2to3's print fixer, `print(a, b, file=f)`;
- a function the standard library removed (`time.clock`, Python 3.8): its documented replacement;
- `string.letters` (Python 2; not among 2to3's fixers): `string.ascii_letters` (and lowercase, uppercase);
- the string module's functions Python 3 removed (`string.upper(s)`, `string.join(words, sep)`, `string.atoi`;
  not among 2to3's fixers either): the str method on the first argument, `sep.join(words)`, int() / float().
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
import threading
import warnings

from .runtime_rules import _module_attributes, _on_line, _splice, import_edit

# removed from the standard library, with the replacement Python's "What's New" names: (module, name) ->
# (module, name, the Python that removed it)
REMOVED = {("time", "clock"): ("time", "perf_counter", "3.8"),
           ("base64", "encodestring"): ("base64", "encodebytes", "3.9"),
           ("base64", "decodestring"): ("base64", "decodebytes", "3.9"),
           ("fractions", "gcd"): ("math", "gcd", "3.9"),
           ("cgi", "escape"): ("html", "escape", "3.8"),
           ("inspect", "getargspec"): ("inspect", "getfullargspec", "3.11")}
# 2to3's fixers that would change working Python 3 code on the line (print(a, b) -> print((a, b)))
SKIPPED_FIXERS = ("lib2to3.fixes.fix_print",)
IMPORT_FIXERS = ("lib2to3.fixes.fix_imports", "lib2to3.fixes.fix_imports2", "lib2to3.fixes.fix_urllib")
# the string module's functions that Python 3 removed (Python 2's library reference, "Deprecated string
# functions"): each is the str method of its first argument, but for these
STRING_FUNCTIONS = ("capitalize", "expandtabs", "find", "rfind", "index", "rindex", "count", "lower", "split",
                    "rsplit", "lstrip", "rstrip", "strip", "swapcase", "translate", "upper", "ljust", "rjust",
                    "center", "zfill", "replace")
STRING_RENAMED = {"splitfields": "split", "atoi": "int", "atol": "int", "atof": "float", "joinfields": "join"}
_TOOL_LOCK = threading.Lock()  # one refactoring tool, kept; the server may repair from more than one thread


def legacy_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    m = re.search(r"module '([\w.]+)' has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m:
        found = removed_function(tree, line, source, m.group(1), m.group(2))
        if found:
            return found
    m = re.search(r"module 'string' has no attribute '(letters|lowercase|uppercase)'", message)
    if error_type == "AttributeError" and m:
        return ascii_constant(tree, line, source, m.group(1))
    m = re.search(r"module 'string' has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m:
        return string_function(tree, line, source, m.group(1))
    m = re.search(r"No module named '([\w.]+)'", message)
    if error_type in ("ModuleNotFoundError", "ImportError") and m:
        return python2_module(source, line, m.group(1))
    if error_type == "TypeError" and "unsupported operand type(s) for >>: 'builtin_function_or_method'" in message:
        return print_to_file(source, line)
    m = re.search(r"has no attribute '(\w+)'|name '(\w+)' is not defined", message)
    if error_type in ("AttributeError", "NameError") and m:
        return python2_line(source, line, m.group(1) or m.group(2))
    return None


def removed_function(tree: ast.Module, line: int, source: str, module: str, name: str):
    """`time.clock()` (removed in Python 3.8): `time.perf_counter()`, and the import a new module needs."""
    if (module, name) not in REMOVED:
        return None
    new_module, new_name, version = REMOVED[(module, name)]
    node = next(iter(_module_attributes(tree, line, module, name)), None)
    if node is None:
        return None
    fix = (f"{module}.{name} was removed in Python {version}: use {new_module}.{new_name}", line,
           _splice(source.split("\n")[line - 1], node.col_offset, node.end_col_offset, f"{new_module}.{new_name}"))
    edit = import_edit(tree, source, new_module, f"import {new_module}") if new_module != module else None
    return fix if edit is None else (*fix, (edit,))


@functools.lru_cache(maxsize=None)
def _tool(only: tuple[str, ...] = (), print_statement: bool = False):
    """2to3's refactoring tool: every fixer but those in SKIPPED_FIXERS, or `only` these; `print_statement`:
    read `print` as Python 2's statement (the print fixer needs it). None where lib2to3 is gone."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lib2to3 is deprecated (PEP 594): it still reads Python 2 correctly
        try:
            from lib2to3 import refactor
        except ImportError:
            return None
        fixers = list(only) or [f for f in refactor.get_fixers_from_package("lib2to3.fixes")
                                if f not in SKIPPED_FIXERS]
        return refactor.RefactoringTool(fixers, {"print_function": not print_statement, "exec_function": True})


def _refactored(tool, source: str) -> list[str] | None:
    """`source` as `tool` rewrites it, by lines; None when lib2to3 cannot read it (some Python 3 syntax)."""
    try:
        with _TOOL_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return str(tool.refactor_string(source + "\n", "<script>")).split("\n")[:-1]
    except Exception:
        return None


def python2_module(source: str, line: int, module: str):
    """`import cPickle as pickle`: the module's Python 3 name, on every line 2to3's import fixers change (the
    import, and `cPickle.dump(...)` where no alias hides the name)."""
    tool = _tool(IMPORT_FIXERS)
    lines = source.split("\n")
    if tool is None or not re.search(r"\b" + re.escape(module.split(".")[0]) + r"\b", lines[line - 1]):
        return None
    new_lines = _refactored(tool, source)
    if new_lines is None or len(new_lines) != len(lines) or new_lines[line - 1] == lines[line - 1]:
        return None
    # `import cPickle as pickle` comes back `import pickle as pickle`
    new_lines = [re.sub(r"\bimport (\w+) as \1\b", r"import \1", t) for t in new_lines]
    others = tuple((n, new) for n, (old, new) in enumerate(zip(lines, new_lines), 1) if old != new and n != line)
    fix = (f"`{module}` is Python 2's name: Python 3 writes `{new_lines[line - 1].strip()}`", line,
           new_lines[line - 1])
    return fix if not others else (*fix, others)


def print_to_file(source: str, line: int):
    """`print >>log, trial, rt` (Python 2's print to a file): `print(trial, rt, file=log)`."""
    tool = _tool(("lib2to3.fixes.fix_print",), print_statement=True)
    text = source.split("\n")[line - 1]
    if tool is None or not re.match(r"\s*print\s*>>", text):
        return None
    new = _refactored(tool, text.strip())
    if not new or len(new) != 1 or "file=" not in new[0]:
        return None
    indent = text[:len(text) - len(text.lstrip())]
    return "`print >>file` is Python 2: Python 3 passes the file as file=", line, indent + new[0]


def python2_line(source: str, line: int, name: str):
    """The failing line as 2to3 writes it, when the name Python could not find is gone from it; lines 2to3
    adds (`from functools import reduce`) come with it, other lines it would change are left alone."""
    tool = _tool()
    lines = source.split("\n")
    if tool is None or not re.search(r"\b" + re.escape(name) + r"\b", lines[line - 1]):
        return None
    new_lines = _refactored(tool, source)
    if new_lines is None:  # lib2to3 cannot parse some Python 3 syntax (match, walrus in places)
        return None
    new_text, extra = None, []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=lines, b=new_lines, autojunk=False).get_opcodes():
        if op == "replace" and i1 < line <= i2 and i2 - i1 == j2 - j1:
            new_text = new_lines[j1 + line - 1 - i1]
        elif op == "insert" and i1 < len(lines) and all(re.match(r"(from|import)\s", t) for t in new_lines[j1:j2]):
            extra.append((i1 + 1, "\n".join(new_lines[j1:j2] + [lines[i1]])))
    if new_text is None:  # `reduce`: the line stays, the import 2to3 adds is the fix
        added = [(n, t) for n, t in extra if re.search(r"\bimport\b.*\b" + re.escape(name) + r"\b", t)]
        return (f"`{name}` is no longer a builtin: {added[0][1].split(chr(10))[0]}", *added[0]) if added else None
    if re.search(r"\b" + re.escape(name) + r"\b", new_text):
        return None
    fix = (f"`{name}` is Python 2: Python 3 writes this line `{new_text.strip()}`", line, new_text)
    extra = [(n, t) for n, t in extra if n != line]
    return fix if not extra else (*fix, tuple(extra))


def ascii_constant(tree: ast.Module, line: int, source: str, name: str):
    """`string.letters` (Python 2): `string.ascii_letters` (and lowercase, uppercase)."""
    node = next(iter(_module_attributes(tree, line, "string", name)), None)
    if node is None:
        return None
    return (f"Python 3 calls it string.ascii_{name}", line,
            _splice(source.split("\n")[line - 1], node.value.end_col_offset + 1, node.end_col_offset, f"ascii_{name}"))


def string_function(tree: ast.Module, line: int, source: str, name: str):
    """`string.upper(word)`: `word.upper()`; `string.join(words, ', ')`: `', '.join(words)` (a space when no
    separator is given, as Python 2 did); `string.atoi(text)`: `int(text)`."""
    renamed = STRING_RENAMED.get(name, name)
    if renamed not in STRING_FUNCTIONS + ("join", "int", "float"):
        return None
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == name and isinstance(func.value, ast.Name) and
                func.value.id == "string" and node.args and not node.keywords and node.end_lineno == line):
            continue
        args = [ast.get_source_segment(source, a) for a in node.args]
        if renamed in ("int", "float"):
            new = f"{renamed}({', '.join(args)})"
        elif renamed == "join":
            new = f"{_receiver(node.args[1], args[1]) if len(args) > 1 else repr(' ')}.join({args[0]})"
        else:
            new = f"{_receiver(node.args[0], args[0])}.{renamed}({', '.join(args[1:])})"
        return (f"string.{name}() was removed in Python 3: `{new}`", line,
                _splice(text, node.col_offset, node.end_col_offset, new))
    return None


def _receiver(node: ast.expr, written: str) -> str:
    """`written` as the value a method is called on: parenthesised unless it is one term already."""
    simple = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.List, ast.Tuple, ast.JoinedStr)
    return written if isinstance(node, simple) else f"({written})"
