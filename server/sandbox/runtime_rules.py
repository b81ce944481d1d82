"""Repairs read off a run's exception, one per kind of mistake students make, each one line of the script
(sometimes split into two). Pure: the exception's type, message and line plus the source in; a RuntimeFix or
None out. None of them is offered before a re-run shows the exception gone (repair.verify_by_rerun), so a rule
may be a strong guess rather than a certainty, but it must never touch more than the line it names.

- the static checker's own fix on the line that raised (an unexpected keyword, a missing window, an undefined
  name PsychoPy provides): what the checker already knows, applied to the error it explains;
- a name that is a standard module or numpy, used without its import;
- a variable that is None because it was assigned the result of an in-place call (`x = random.shuffle(x)`,
  `s = items.sort()`, `stim = stim.draw()`);
- a float where a count is needed (`range(duration * refresh)`): rounded;
- a number joined to a string with + : str() around it;
- a list of key presses used as one press (`keys.rt`, `name, rt = kb.waitKeys()[0]`);
- the first of no key presses (`kb.getKeys()` right after a flip, then `keys[0]`): wait for the press instead.
"""

from __future__ import annotations

import ast
import re

# modules students use without importing them: the import that makes each name
STANDARD_IMPORTS = {"np": "import numpy as np", "numpy": "import numpy", "random": "import random",
                    "math": "import math", "os": "import os", "sys": "import sys", "time": "import time",
                    "csv": "import csv", "json": "import json", "itertools": "import itertools",
                    "string": "import string", "datetime": "import datetime", "glob": "import glob"}
# calls that change their receiver (or argument) and return None
IN_PLACE = {"shuffle", "sort", "reverse", "append", "extend", "insert", "remove", "clear", "update", "draw",
            "setText", "setColor", "setPos", "setOri", "setSize", "setOpacity", "setImage", "reset"}
# what a KeyPress has (psychopy.hardware.keyboard.KeyPress)
KEYPRESS_FIELDS = ("name", "rt", "duration", "tDown", "value", "code")


def fix_from_checker(line: int, source: str, index) -> tuple[str, int, str] | None:
    """(title, line, new text) of the checker's fix for a finding on `line` whose edits lie on one line."""
    from ..analysis import Analysis
    from ..checks import ERROR, WARNING, check
    from ..features.edits import apply_fix

    try:
        findings = check(Analysis(source, index))
    except Exception:  # a checker bug must not stop the run's report
        return None
    for finding in findings:
        fix = finding.fix
        if fix is None or finding.span[0] != line or finding.severity not in (ERROR, WARNING):
            continue
        lines_touched = {l for (l1, _c1, l2, _c2), _new in fix.edits for l in (l1, l2)}
        if len(lines_touched) != 1:
            continue
        where = lines_touched.pop()
        after = apply_fix(source, fix)
        added = after.count("\n") - source.count("\n")
        new_lines = after.split("\n")[where - 1: where + added]
        return fix.title, where, "\n".join(new_lines)
    return None


def missing_import(tree: ast.Module, name: str, source: str) -> tuple[str, int, str] | None:
    """The import line for a standard module used without one, added after the script's last top-level import
    (or above its first statement)."""
    statement = STANDARD_IMPORTS.get(name)
    if statement is None:
        return None
    lines = source.split("\n")
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if imports:
        at = imports[-1].end_lineno
        return f"Add `{statement}`", at, lines[at - 1] + "\n" + statement
    first = next((n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))),
                 None)
    if first is None:
        return None
    return f"Add `{statement}`", first.lineno, statement + "\n" + lines[first.lineno - 1]


def none_from_in_place(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`x = random.shuffle(x)` / `order = trials.sort()` / `stim = stim.draw()` before the line that found x
    None: the call on its own, and x bound to what the call changed."""
    lines = source.split("\n")
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and getattr(n, "lineno", 0) == line}
    candidates = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in used and node.lineno <= line and node.lineno == node.end_lineno
                and isinstance(node.value, ast.Call) and isinstance(node.value.func, (ast.Attribute, ast.Name))):
            continue
        call, target = node.value, node.targets[0].id
        method = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
        if method not in IN_PLACE:
            continue
        if method == "shuffle" and call.args and isinstance(call.args[0], ast.Name):
            changed = call.args[0].id  # random.shuffle(x), np.random.shuffle(x)
        elif isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) and method != "shuffle":
            changed = call.func.value.id  # items.sort(), stim.draw()
        else:
            continue
        candidates.append((node.lineno, node, target, changed, method))
    if not candidates:
        return None
    lineno, node, target, changed, method = max(candidates, key=lambda c: c[0])  # the binding the line sees
    text = lines[lineno - 1]
    indent = text[:len(text) - len(text.lstrip())]
    call_text = ast.get_source_segment(source, node.value)
    if call_text is None:
        return None
    new = indent + call_text + ("" if target == changed else f"\n{indent}{target} = {changed}")
    return (f"`{method}()` changes {changed} in place and returns None: call it on its own line", lineno, new)


def round_count(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`range(duration * refresh)` with a float: the count rounded (`range(round(...))`)."""
    text = source.split("\n")[line - 1]
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and \
                node.lineno == line == node.end_lineno:
            for arg in node.args:
                if _is_int_expr(arg):
                    continue
                edits.append((arg.col_offset, arg.end_col_offset))
    if not edits:
        return None
    new = _wrap(text, edits, "round(", ")")
    return "Round the count to a whole number of frames or items", line, new


def str_concat(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`'RT: ' + rt` with a number: str() around each operand that is not text."""
    text = source.split("\n")[line - 1]
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and node.lineno == line:
            operands = _flatten_add(node)
            if not any(_is_text(o) for o in operands):
                continue
            for o in operands:
                if not _is_text(o) and o.lineno == o.end_lineno == line:
                    edits.append((o.col_offset, o.end_col_offset))
            break  # the outermost + chain on the line
    if not edits:
        return None
    return "Turn the number into text with str() before joining it to a string", line, _wrap(text, edits, "str(", ")")


def keypress_list(tree: ast.Module, line: int, attribute: str, source: str) -> tuple[str, int, str] | None:
    """`keys.rt` where keys is the list a getKeys/waitKeys returned: the first press's (`keys[0].rt`)."""
    if attribute not in KEYPRESS_FIELDS:
        return None
    text = source.split("\n")[line - 1]
    lists = _key_lists(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == attribute and isinstance(node.value, ast.Name) and \
                node.value.id in lists and node.lineno == line == node.end_lineno:
            start, end = node.value.col_offset, node.value.end_col_offset
            new = _splice(text, start, end, f"{node.value.id}[0]")
            return f"Use the first key press: {node.value.id}[0].{attribute}", line, new
    return None


def unpack_keypress(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`name, rt = kb.waitKeys()[0]`: a KeyPress is not a tuple; its fields by name."""
    lines = source.split("\n")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.lineno == line == node.end_lineno and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Tuple) and 2 <= len(node.targets[0].elts) <= 3 and \
                all(isinstance(e, ast.Name) for e in node.targets[0].elts):
            names = [e.id for e in node.targets[0].elts]
            text = lines[line - 1]
            indent = text[:len(text) - len(text.lstrip())]
            value = ast.get_source_segment(source, node.value)
            fields = ["name", "rt", "duration"][:len(names)]
            press = "press" if "press" not in names else "key_press"
            new = f"{indent}{press} = {value}\n{indent}{', '.join(names)} = " + \
                ", ".join(f"{press}.{f}" for f in fields)
            return "A KeyPress is not a tuple: take its name and rt", line, new
    return None


def wait_for_press(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`keys[0]` of a `getKeys()` that found no press yet (it does not wait): `waitKeys()`, which does."""
    lines = source.split("\n")
    indexed = {n.value.id for n in ast.walk(tree) if isinstance(n, ast.Subscript) and
               isinstance(n.value, ast.Name) and n.lineno == line}
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id in indexed and node.lineno <= line and isinstance(node.value, ast.Call) and \
                isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "getKeys" and \
                node.lineno == node.end_lineno:
            if best is None or node.lineno > best.lineno:
                best = node
    if best is None:
        return None
    text = lines[best.lineno - 1]
    if any(k.arg in ("timeStamped",) for k in best.value.keywords) and "event." not in text:
        return None
    func = best.value.func
    # the attribute's name starts after the dot: `kb.getKeys` -> `kb.waitKeys`
    start = func.end_col_offset - len("getKeys")
    new = _splice(text, start, func.end_col_offset, "waitKeys")
    return "getKeys() does not wait, so there may be no press yet: wait for one with waitKeys()", best.lineno, new


# ---- helpers ---------------------------------------------------------------------------------------------------
def _is_int_expr(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("int", "len", "round"):
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv)


def _is_text(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr) or \
        (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "repr"))


def _flatten_add(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _flatten_add(node.left) + _flatten_add(node.right)
    return [node]


def _key_lists(tree: ast.Module) -> set[str]:
    """Names assigned the result of a getKeys/waitKeys call."""
    return {n.targets[0].id for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
            isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Call) and
            isinstance(n.value.func, ast.Attribute) and n.value.func.attr in ("getKeys", "waitKeys")}


def _char(text: str, byte_col: int) -> int:
    return len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def _splice(text: str, start: int, end: int, new: str) -> str:
    a, b = _char(text, start), _char(text, end)
    return text[:a] + new + text[b:]


def _wrap(text: str, spans: list[tuple[int, int]], before: str, after: str) -> str:
    for start, end in sorted(spans, reverse=True):
        a, b = _char(text, start), _char(text, end)
        text = text[:a] + before + text[a:b] + after + text[b:]
    return text


def rule_for(error_type: str, message: str, detail: dict, line: int, source: str, tree: ast.Module, index=None
             ) -> tuple[str, int, str] | None:
    """The first rule that reads this exception, as (title, line, new text); `tree` is `source` parsed."""
    if index is not None and error_type in ("TypeError", "NameError", "AttributeError", "ImportError"):
        found = fix_from_checker(line, source, index)
        if found is not None:
            return found
    if error_type == "NameError":
        name = detail.get("name") or (re.search(r"name '(\w+)' is not defined", message) or [None, None])[1]
        return missing_import(tree, name, source) if name else None
    if "'NoneType' object" in message:
        return none_from_in_place(tree, line, source)
    if error_type == "TypeError" and "cannot be interpreted as an integer" in message:
        return round_count(tree, line, source)
    if error_type == "TypeError" and re.search(r"can only concatenate str|unsupported operand type\(s\) for \+", message):
        return str_concat(tree, line, source)
    if error_type == "TypeError" and "cannot unpack non-iterable KeyPress" in message:
        return unpack_keypress(tree, line, source)
    m = re.search(r"'list' object has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m:
        return keypress_list(tree, line, m.group(1), source)
    if error_type == "IndexError" and "list index out of range" in message:
        return wait_for_press(tree, line, source)
    return None
