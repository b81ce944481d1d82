"""Repairs for code written for an older Python or numpy (copied from an old tutorial or a lab's old script), read
off the exception's message. Same contract as runtime_rules.py: pure, (title, line, new text[, other edits]) or
None, the failing line changed (plus an import the fix needs), nothing offered before a re-run proves it.

- Python 2 idioms (`d.iteritems()`, `d.has_key(k)`, `xrange`, `raw_input`, `itertools.izip`, `d.keys()[0]`,
  `reduce`, `sys.maxint`, `unicode` ...): Python's own 2to3 fixers (lib2to3) rewrite the script and the failing
  line is taken from their output, only when the name the message reports is gone from it (2to3 knows the whole
  list; this module keeps none of its own). lib2to3 leaves Python in 3.13: there the rule offers nothing;
- a function the standard library removed (`time.clock`, Python 3.8): its documented replacement;
- `string.letters` (Python 2; not among 2to3's fixers): `string.ascii_letters` (and lowercase, uppercase).
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
import threading
import warnings

from .runtime_rules import _module_attributes, _splice, import_edit

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


@functools.lru_cache(maxsize=1)
def _tool():
    """2to3's refactoring tool, every fixer but those in SKIPPED_FIXERS; None where lib2to3 is gone."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lib2to3 is deprecated (PEP 594): it still reads Python 2 correctly
        try:
            from lib2to3 import refactor
        except ImportError:
            return None
        fixers = [f for f in refactor.get_fixers_from_package("lib2to3.fixes") if f not in SKIPPED_FIXERS]
        return refactor.RefactoringTool(fixers, {"print_function": True, "exec_function": True})


def python2_line(source: str, line: int, name: str):
    """The failing line as 2to3 writes it, when the name Python could not find is gone from it; lines 2to3
    adds (`from functools import reduce`) come with it, other lines it would change are left alone."""
    tool = _tool()
    lines = source.split("\n")
    if tool is None or not re.search(r"\b" + re.escape(name) + r"\b", lines[line - 1]):
        return None
    try:
        with _TOOL_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            new_lines = str(tool.refactor_string(source + "\n", "<script>")).split("\n")[:-1]
    except Exception:  # lib2to3 cannot parse some Python 3 syntax (match, walrus in places): nothing to offer
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
