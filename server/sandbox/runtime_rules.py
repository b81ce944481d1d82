"""Repairs read off a run's exception, one per kind of mistake students make, each one line of the script
(sometimes split into two), plus the import a repaired call needs. Pure: the exception's type, message and line
plus the source in; (title, line, new text[, other edits]) or None out. None of them is offered before a re-run
shows the exception gone (repair.prove_rule_fix, repair.verify_by_rerun), so a rule may be a strong guess rather
than a certainty, but it must never touch more than the lines it names.

- the static checker's own fix on the line that raised (an unexpected keyword, a missing window, an undefined
  name PsychoPy provides, a PsychoPy module used unimported);
- a name that is a standard module or numpy, used without its import;
- a variable that is None because it was assigned the result of an in-place call (`x = random.shuffle(x)`,
  `s = items.sort()`, `stim = stim.draw()`);
- a float where a count is needed (`range(duration * refresh)`): rounded; a true division handed to any call as
  a count (`np.zeros(n / 2)`, numpy's message too): floor division; range() in steps of a fraction
  (`range(0, 1, 0.25)`): numpy's arange;
- `'%d: %.3f' % trial, rt` (`%` binds before the comma): the values in one tuple;
- a number joined to a string with + : str() around it; a duration that is text: float(); `int('0.25')`:
  float(); a number typed with a decimal comma (`float('0,5')`): the comma made a point;
- a key of the other type than the dict's written keys (`counts[key]`, key '2', keys 1, 2, 3): int()/str();
- a file's text looped over by character (`for line in f.read():`): the file's lines;
- a list of key presses used as one press (`keys.rt`, `name, rt = kb.waitKeys()[0]`, `key, rt = keys`), a
  KeyPress used as its name (`int(press)`), a number-pad key name read as a number ('num_4'); event's keys (text)
  read as KeyPress (`keys[0].name`): the key itself;
- the first of no key presses (`kb.getKeys()` right after a flip, then `keys[0]`): wait for the press instead;
- an index one past the end (`range(1, n + 1)` indexing from 0, `range(len(x) + 1)`); `for i, x in items`
  without enumerate;
- a module-level counter assigned in a function (UnboundLocalError): `global`; a variable named like a builtin
  that is then called (`sum = 0` ... `sum(rts)`): the variable renamed (`sum_`);
- the class assigned instead of an instance (`core.Clock`), a method read as a value (`clock.getTime`, or any
  name when it is the one uncalled attribute of a value on the line: `np.array(rts).mean`), a function stored
  uncalled where the script calls it elsewhere (`onset = time.time`), a clock in arithmetic instead of its
  reading (`clock - start`: `clock.getTime()`), a setter used as the attribute (`bar.setOri += 3`), a module
  called as its class (`visual.window`);
- a list used as one item (`stims.draw()`, `order.shuffle()`), a dict read as attributes (`trial.word`), a key
  close to one written in the script's dicts;
- a required argument left out that a variable of its name holds (`addData('rt')`), a save's file name, or one
  PsychoPy's docs imply (a switch, `setAutoDraw()`: True; a number of repeats, `TrialHandler(conds)`: 1); the one
  argument given by a name the function lacks (`core.wait(duration=0.2)`), where the API index shows one
  required parameter: by position;
- an ExperimentHandler's method called on a loop's handler (`trials.nextEntry()`): on the script's
  ExperimentHandler, or, with none and the handler looped over by `for` (it steps on its own), the call removed.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import re

# modules students use without importing them: the import that makes each name
STANDARD_IMPORTS = {"np": "import numpy as np", "numpy": "import numpy", "random": "import random",
                    "math": "import math", "os": "import os", "sys": "import sys", "time": "import time",
                    "csv": "import csv", "json": "import json", "itertools": "import itertools",
                    "string": "import string", "datetime": "import datetime", "glob": "import glob",
                    "statistics": "import statistics", "re": "import re", "shutil": "import shutil",
                    "pickle": "import pickle", "copy": "import copy", "collections": "import collections",
                    "pathlib": "import pathlib", "functools": "import functools", "textwrap": "import textwrap",
                    "pd": "import pandas as pd", "pandas": "import pandas"}
# calls that change their receiver (or argument) and return None
IN_PLACE = {"shuffle", "sort", "reverse", "append", "extend", "insert", "remove", "clear", "update", "draw",
            "setText", "setColor", "setPos", "setOri", "setSize", "setOpacity", "setImage", "reset"}
# what a KeyPress has (psychopy.hardware.keyboard.KeyPress)
KEYPRESS_FIELDS = ("name", "rt", "duration", "tDown", "value", "code")
# the ExperimentHandler's methods that a loop's handler (TrialHandler, StairHandler) lacks
EXPERIMENT_ONLY = ("nextEntry", "addLoop", "loopEnded", "getAllEntries", "addAnnotation")


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


def round_count(tree: ast.Module, line: int, source: str, text: bool = False) -> tuple[str, int, str] | None:
    """`range(duration * refresh)` with a float: the count rounded (`range(round(...))`); with text (a count
    typed into a dialog, `range(info['n'])`): read as a whole number (`range(int(...))`)."""
    line_text = source.split("\n")[line - 1]
    if not text and (found := fractional_step(tree, line, source)):
        return found
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and \
                node.lineno == line == node.end_lineno:
            for arg in node.args:
                if _is_int_expr(arg):
                    continue
                edits.append((arg.col_offset, arg.end_col_offset))
    if not edits and not text:
        # `np.zeros(n_trials / 2)`, `random.sample(items, n / 2)`: a true division handed to a call as a count
        halves = [n for call in _on_line(tree, line, ast.Call) for n in call.args
                  if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and n.lineno == n.end_lineno]
        if halves:
            node = halves[0]
            op_at = line_text.find("/", _char(line_text, node.left.end_col_offset))
            if op_at != -1 and line_text[op_at + 1:op_at + 2] != "/":
                return ("A count must be a whole number: divide with //", line,
                        line_text[:op_at] + "//" + line_text[op_at + 1:])
    if not edits:
        return None
    if text:
        return "The count is text: read it as a whole number with int()", line, _wrap(line_text, edits, "int(", ")")
    return "Round the count to a whole number of frames or items", line, _wrap(line_text, edits, "round(", ")")


def fractional_step(tree: ast.Module, line: int, source: str) -> tuple[str, ...] | None:
    """`range(0, 1, 0.25)`: steps of a fraction are numpy's arange (same arguments; numpy imported where the script
    lacks it). Rounding them would make a step of 0."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if not (isinstance(node.func, ast.Name) and node.func.id == "range" and len(node.args) == 3 and
                node.end_lineno == line):
            continue
        step = node.args[2]
        if isinstance(step, ast.UnaryOp) and isinstance(step.op, ast.USub):
            step = step.operand
        if not (isinstance(step, ast.Constant) and isinstance(step.value, float) and step.value % 1):
            continue
        numpy, edit = _imports(tree).get("numpy"), None
        if numpy is None:
            numpy, edit = "np", import_edit(tree, source, "np", "import numpy as np")
        fix = (f"range() counts in whole steps; steps of {ast.get_source_segment(source, node.args[2])} are "
               f"{numpy}.arange", line, _splice(text, node.func.col_offset, node.func.end_col_offset,
                                                f"{numpy}.arange"))
        return fix if edit is None else (*fix, (edit,))
    return None


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


# a printf-style placeholder ('%d', '%.3f', '%-8s'), not '%%'
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def percent_tuple(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`print('Trial %d: %.3f s' % trial, rt)`: `%` took only the first value (it binds before the comma); the
    values the placeholders need, as one tuple: `% (trial, rt)`."""
    text = source.split("\n")[line - 1]
    for parent in ast.walk(tree):
        siblings = parent.args if isinstance(parent, ast.Call) else parent.elts if isinstance(parent, ast.Tuple) \
            else None
        if not siblings:
            continue
        for i, node in enumerate(siblings):
            if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and node.lineno == line and
                    isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) and
                    not isinstance(node.right, ast.Tuple)):
                continue
            wanted = len([p for p in _PLACEHOLDER.findall(node.left.value) if p != "%%"])
            rest = siblings[i + 1:i + wanted]
            if wanted < 2 or len(rest) < wanted - 1 or rest[-1].end_lineno != line:
                continue
            return (f"The {wanted} values after % go in one tuple (% binds before the comma)", line,
                    _wrap(text, [(node.right.col_offset, rest[-1].end_col_offset)], "(", ")"))
    return None


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


def global_for_unbound(tree: ast.Module, line: int, name: str, source: str) -> tuple[str, int, str] | None:
    """A function that assigns a module-level variable (`score = score + 1`) made it local: `global score`
    at the top of the function's body."""
    module_level = {t.id for stmt in tree.body if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                    for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
                    for t in ast.walk(t) if isinstance(t, ast.Name)}
    if name not in module_level:
        return None
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or \
                not func.lineno <= line <= func.end_lineno:
            continue
        params = {a.arg for a in func.args.args + func.args.kwonlyargs + func.args.posonlyargs}
        if name in params:
            return None
        body = func.body
        first = body[1] if len(body) > 1 and isinstance(body[0], ast.Expr) and \
            isinstance(body[0].value, ast.Constant) else body[0]
        text = source.split("\n")[first.lineno - 1]
        indent = text[:len(text) - len(text.lstrip())]
        return (f"`{func.name}` assigns the script's `{name}`, which makes it local there: declare it global",
                first.lineno, f"{indent}global {name}\n{text}")
    return None


def call_the_class(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`timer = core.Clock` (the class, not an instance), then `timer.reset()` misses `self`: call the class."""
    lines = source.split("\n")
    used = {n.value.id for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.lineno == line}
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id in used and node.lineno <= line and node.lineno == node.end_lineno and \
                isinstance(node.value, (ast.Attribute, ast.Name)) and _last_name(node.value)[:1].isupper():
            if best is None or node.lineno > best.lineno:
                best = node
    if best is None:
        return None
    text = lines[best.lineno - 1]
    new = _splice(text, best.value.end_col_offset, best.value.end_col_offset, "()")
    return f"Make an instance: `{_last_name(best.value)}()` (the class itself was assigned)", best.lineno, new


# method names read as values by mistake: getters and tests (`clock.getTime` without the call)
_METHOD_NAME = re.compile(r"^(get|is|has)[A-Z_]\w*$")


def call_the_method(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """A method used as a value (`rt = clock.getTime`, then `rt > 1.0`), or a setter used as the attribute
    (`bar.setOri += 3`): call the method / use the attribute."""
    lines = source.split("\n")
    text = lines[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, ast.AugAssign) and node.lineno == line and isinstance(node.target, ast.Attribute) and \
                re.match(r"^set[A-Z]", node.target.attr):
            attr = node.target.attr[3].lower() + node.target.attr[4:]
            start = node.target.end_col_offset - len(node.target.attr)
            return (f"`{node.target.attr}` is the setter method; change the attribute `{attr}`", line,
                    _splice(text, start, node.target.end_col_offset, attr))
    called = _called(tree)
    on_line = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.lineno == line == n.end_lineno and
               id(n) not in called and _METHOD_NAME.match(n.attr) and isinstance(n.ctx, ast.Load)]
    if not on_line:
        # `np.array(rts).mean`, `'%.3f' % rts_array.mean`: any method name, when exactly one attribute of a value
        # the script made (not of an imported module: `np.pi` is a number) goes uncalled on the line
        modules = {a.asname or a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import,
                                                                                             ast.ImportFrom))
                   for a in n.names}
        inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}  # `a.b` of `a.b.c`
        loose = [n for n in _on_line(tree, line, ast.Attribute) if n.end_lineno == line and id(n) not in called
                 and id(n) not in inner and isinstance(n.ctx, ast.Load)
                 and not (isinstance(n.value, ast.Name) and n.value.id in modules)]
        on_line = loose if len(loose) == 1 else []
    if on_line:
        return (f"Call the method: `{on_line[0].attr}()`", line,
                _wrap(text, [(n.end_col_offset, n.end_col_offset) for n in on_line], "", "()")
                .replace("()()", "()"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.lineno == line}
    # what the script calls somewhere (`time.time()`): `onset = time.time` stored the function, not its value
    called_texts = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id in names and node.lineno < line and node.lineno == node.end_lineno and \
                isinstance(node.value, (ast.Attribute, ast.Name)) and \
                ((isinstance(node.value, ast.Attribute) and _METHOD_NAME.match(node.value.attr)) or
                 ast.unparse(node.value) in called_texts):
            if best is None or node.lineno > best.lineno:
                best = node
    if best is None:
        return None
    at = best.value.end_col_offset
    return (f"Call it: `{ast.unparse(best.value)}()` (without the call, {best.targets[0].id} is the function "
            "itself)", best.lineno, _splice(lines[best.lineno - 1], at, at, "()"))


# int()/float() of text that is no number; the text is group 1 (int, or float in Python 2's words) or group 2
TEXT_TO_NUMBER = re.compile(r"invalid literal for (?:int|float)\(\).*: '([^']*)'|could not convert string to float: "
                            r"'([^']*)'")
# PsychoPy's clocks: objects whose reading is getTime()
CLOCKS = ("Clock", "CountdownTimer", "MonotonicClock")


def clock_reading(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`elapsed = experiment_clock - start` with a core.Clock: the clock's reading, `experiment_clock.getTime()`."""
    text = source.split("\n")[line - 1]
    clocks = {n.targets[0].id for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
              isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Call) and
              _last_name(n.value.func) in CLOCKS}
    for node in _on_line(tree, line, ast.BinOp):
        for side in (node.left, node.right):
            if isinstance(side, ast.Name) and side.id in clocks:
                return (f"{side.id} is the clock; its reading is {side.id}.getTime()", line,
                        _splice(text, side.end_col_offset, side.end_col_offset, ".getTime()"))
    return None


def over_the_list(tree: ast.Module, line: int, attribute: str, source: str
                  ) -> tuple[str, int, str] | tuple[str, int, str, tuple] | None:
    """A list used as one of its items: `stims.draw()` (each item drawn), `order.shuffle()` (random.shuffle)."""
    lines = source.split("\n")
    text = lines[line - 1]
    indent = text[:len(text) - len(text.lstrip())]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Expr) and node.lineno == line == node.end_lineno and
                isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) and
                node.value.func.attr == attribute and isinstance(node.value.func.value, ast.Name)):
            continue
        name = node.value.func.value.id
        if attribute == "shuffle" and not node.value.args:
            edit = import_edit(tree, source, "random", "import random")
            fix = ("A list has no shuffle(): random.shuffle() shuffles it in place", line,
                   f"{indent}random.shuffle({name})")
            return fix if edit is None else (*fix, (edit,))
        bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        item = name[:-1] if name.endswith("s") and len(name) > 2 and name[:-1] not in bound else "item"
        call = ast.get_source_segment(source, node.value)
        if call is None:
            return None
        rest = call[len(name):]  # `.draw()` with its arguments
        return (f"{name} is a list: call {attribute}() on each item", line,
                f"{indent}for {item} in {name}:\n{indent}    {item}{rest}")
    return None


def experiment_method(tree: ast.Module, line: int, source: str, method: str):
    """`trials.nextEntry()` on a TrialHandler (or a staircase): the ExperimentHandler's method. Called on the
    script's ExperimentHandler where it makes one; else `nextEntry()` on a handler the script loops over with `for`
    (the loop steps it, there is no row to end) is removed."""
    lines = source.split("\n")
    text = lines[line - 1]
    experiments = [t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and
                   _last_name(n.value.func) == "ExperimentHandler" for t in n.targets if isinstance(t, ast.Name)]
    looped = {_last_name(n.iter) for n in ast.walk(tree) if isinstance(n, ast.For)}
    for node in _calls(tree, line, (method,)):
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if owner is None:
            continue
        if len(set(experiments)) == 1:
            return (f"{method}() is the ExperimentHandler's: call it on {experiments[0]}", line,
                    _splice(text, owner.col_offset, owner.end_col_offset, experiments[0]))
        statement = any(isinstance(n, ast.Expr) and n.value is node for n in ast.walk(tree))
        if method == "nextEntry" and statement and _last_name(owner) in looped and line > 1 and \
                text.strip() == ast.get_source_segment(source, node):
            return ("The for loop steps the trials on its own: nextEntry() (an ExperimentHandler's) is not needed",
                    line - 1, lines[line - 2], (), (line,))
    return None


def dict_key(tree: ast.Module, line: int, attribute: str, source: str) -> tuple[str, int, str] | None:
    """`trial.word` on a dict: the key (`trial['word']`); not a call (`d.valuess()` is a method misspelled:
    type_rules), not Python 2's `has_key` (legacy_rules: `in`)."""
    if attribute == "has_key":
        return None
    text = source.split("\n")[line - 1]
    called = _called(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == attribute and node.lineno == line == node.end_lineno \
                and isinstance(node.value, (ast.Name, ast.Subscript)) and id(node) not in called:
            value = ast.get_source_segment(source, node.value)
            return (f"A dict's values are read by key: {value}[{attribute!r}]", line,
                    _splice(text, node.col_offset, node.end_col_offset, f"{value}[{attribute!r}]"))
    return None


def key_in_literals(tree: ast.Module, line: int, key: str, source: str) -> tuple[str, int, str] | None:
    """A missing key read on the line (`trial['word']`) that is close to a key of some dict written in the
    script (a conditions list, a dict of keys): that key."""
    keys: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys += [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
                     and k.value not in keys]
    if not keys:
        return None
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Subscript) and node.lineno == line == node.end_lineno and
                isinstance(node.slice, ast.Constant) and node.slice.value == key):
            continue
        same_case = [k for k in keys if k.lower() == key.lower()]
        close = same_case or difflib.get_close_matches(key, keys, n=1, cutoff=0.75)
        if not close:
            return None
        quote = (ast.get_source_segment(source, node.slice) or "'")[:1]
        literal = f"{quote}{close[0]}{quote}" if quote in "'\"" and quote not in close[0] else repr(close[0])
        return (f"Use the key {close[0]!r} (the script's dicts have no {key!r})", line,
                _splice(text, node.slice.col_offset, node.slice.end_col_offset, literal))
    return None


def past_the_end(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """An index from a loop that runs one past the end: `for t in range(1, n + 1): words[t]` (the item is
    t - 1) or `for i in range(len(x) + 1)` (the loop stops at len(x))."""
    lines = source.split("\n")
    indexes = {n.slice.id: n for n in ast.walk(tree) if isinstance(n, ast.Subscript) and n.lineno == line ==
               n.end_lineno and isinstance(n.slice, ast.Name)}
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.target.id in indexes and
                loop.lineno <= line <= loop.end_lineno and isinstance(loop.iter, ast.Call) and
                isinstance(loop.iter.func, ast.Name) and loop.iter.func.id == "range" and
                1 <= len(loop.iter.args) <= 2):
            continue
        args = loop.iter.args
        stop = args[-1]
        plus_one = isinstance(stop, ast.BinOp) and isinstance(stop.op, ast.Add) and \
            isinstance(stop.right, ast.Constant) and stop.right.value == 1
        if len(args) == 2 and isinstance(args[0], ast.Constant) and args[0].value == 1 and plus_one:
            sub = indexes[loop.target.id]
            i = loop.target.id
            return (f"{i} counts from 1; the list's items from 0: use [{i} - 1]", line,
                    _splice(lines[line - 1], sub.slice.col_offset, sub.slice.end_col_offset, f"{i} - 1"))
        if len(args) == 1 and plus_one and loop.iter.lineno == loop.iter.end_lineno:
            return ("The loop runs one step past the end: stop at the length", loop.lineno,
                    _splice(lines[loop.lineno - 1], stop.col_offset, stop.end_col_offset,
                            ast.get_source_segment(source, stop.left) or ""))
    return None


# loop variables that name a position, not a pair's first part
_INDEX_NAME = re.compile(r"^(i|j|k|n|t|idx|index|num|number|count|trial|trial_?n(um)?|\w+_(i|idx|index|n|num))$",
                         re.IGNORECASE)


def enumerate_items(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`for i, item in items:` over a list of single items: `enumerate(items)`."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and node.lineno == line and isinstance(node.target, ast.Tuple) and \
                len(node.target.elts) == 2 and isinstance(node.target.elts[0], ast.Name) and \
                _INDEX_NAME.match(node.target.elts[0].id) and isinstance(node.iter, (ast.Name, ast.Attribute)) \
                and node.iter.lineno == line:
            value = ast.get_source_segment(source, node.iter)
            return (f"Number the items with enumerate({value})", line,
                    _splice(text, node.iter.col_offset, node.iter.end_col_offset, f"enumerate({value})"))
    return None


def first_press(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`key, rt = keys` where keys is the list waitKeys returned: the first press (`keys[0]`)."""
    text = source.split("\n")[line - 1]
    lists = _key_lists(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.lineno == line == node.end_lineno and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Tuple) and (
                    (isinstance(node.value, ast.Name) and node.value.id in lists) or
                    (isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) and
                     node.value.func.attr in ("getKeys", "waitKeys"))):
            end = node.value.end_col_offset
            return "The key presses are a list: unpack the first one", line, _splice(text, end, end, "[0]")
    return None


def keypress_name(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`int(press)` / `'key: ' + press` on a KeyPress: its name (`press.name`)."""
    lines = source.split("\n")
    lists = _key_lists(tree)
    presses = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                isinstance(node.value, ast.Subscript):
            value = node.value.value
            if (isinstance(value, ast.Name) and value.id in lists) or (
                    isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and
                    value.func.attr in ("getKeys", "waitKeys")):
                presses.add(node.targets[0].id)
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name) and \
                isinstance(node.iter, ast.Name) and node.iter.id in lists:
            presses.add(node.target.id)
    attrs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    spans = [(n.end_col_offset, n.end_col_offset) for n in ast.walk(tree) if isinstance(n, ast.Name) and
             n.id in presses and n.lineno == line and id(n) not in attrs and isinstance(n.ctx, ast.Load)]
    if not spans:
        return None
    return "Use the key's name (a KeyPress is not text)", line, _wrap(lines[line - 1], spans, "", ".name")


def event_key_name(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`keys[0].name` where keys came from `event.waitKeys()`/`event.getKeys()`: event's keys are their names
    (text), only the hardware Keyboard's are KeyPress objects; the key itself."""
    lists = _key_lists(tree)
    each = {n.target.id for n in ast.walk(tree) if isinstance(n, ast.For) and isinstance(n.target, ast.Name) and
            isinstance(n.iter, ast.Name) and n.iter.id in lists}  # `for key in keys:`
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Attribute):
        value = node.value
        owner = value.value if isinstance(value, ast.Subscript) else value
        if node.attr == "name" and isinstance(owner, ast.Name) and (
                owner.id in lists and isinstance(value, ast.Subscript) or owner.id in each and value is owner):
            start = _char(text, value.end_col_offset)
            end = _char(text, node.end_col_offset)
            return ("event's keys are their names (text): use the key itself", line, text[:start] + text[end:])
    return None


# file extensions by the method that writes them
_SAVE_EXT = (("WideText", "csv"), ("Pickle", "psydat"), ("Excel", "xlsx"), ("Json", "json"), ("Text", "tsv"))


def missing_argument(tree: ast.Module, line: int, method: str, param: str, source: str,
                     documented: str | None = None) -> tuple[str, int, str] | None:
    """A required argument left out: a variable of that name, the variable a data key names
    (`addData('rt')` -> `addData('rt', rt)`), a file name for a save, random.sample's count (`sample(items)`,
    the idiom for a shuffled copy: all of them, `len(items)`), or the value PsychoPy's docs imply
    (`documented_value`)."""
    text = source.split("\n")[line - 1]
    bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and
             n.lineno <= line}
    bound |= {a.arg for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
              and n.lineno <= line <= n.end_lineno for a in n.args.args}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.lineno == line == node.end_lineno and
                _last_name(node.func) == method and not any(k.arg == param for k in node.keywords)):
            continue
        value = None
        if param in bound:
            value = param
        elif len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str) and node.args[0].value in bound:
            value = node.args[0].value
        elif method == "sample" and param == "k" and len(node.args) == 1:  # a shuffled copy of the whole
            value = f"len({ast.get_source_segment(source, node.args[0])})"
        elif "file" in param.lower():
            ext = next((e for part, e in _SAVE_EXT if part in method), "txt")
            value = repr(f"data.{ext}")
        elif documented is not None:
            value = documented
        if value is None:
            return None
        end = (node.args[-1] if node.args else node.func).end_col_offset
        if node.args:
            new = _splice(text, end, end, f", {value}")
        else:
            close = node.end_col_offset - 1  # the `)`
            new = _splice(text, close, close, value if not node.keywords else f"{value}, ")
            if node.keywords:  # a positional argument goes before the keywords
                start = node.keywords[0].value.col_offset - len(node.keywords[0].arg or "") - 1
                new = _splice(text, start, start, f"{value}, ")
        return f"Pass `{param}` to {method}(): {value}", line, new
    return None


def documented_value(index, owner: str | None, method: str, param: str) -> str | None:
    """The value a left-out PsychoPy argument takes when the call alone says it: a switch (`stim.setAutoDraw()`,
    the attribute documented as `True` or `False`) is switched on, and a number of repeats (`TrialHandler(conds)`'s
    nReps, "number of repeats") is once. The owner is the class the message names, else the class called."""
    if index is None:
        return None

    def record(name: str):  # the message and the call name a class without its module
        return next((r for s, r in index.records.items() if s.endswith(f".{name}")), None)

    called = record(f"{owner}.{method}" if owner else method)
    if called is None:
        return None
    docs = [p.doc or "" for p in called.params if p.name == param]
    if owner and method.startswith("set") and method[3:4].isupper():  # a setter: its attribute's doc
        attribute = record(f"{owner}.{method[3].lower()}{method[4:]}")
        docs.append(attribute.doc if attribute else "")
    text = " ".join(docs)
    if re.search(r"`?True`? or `?False`?|\(`?bool`?\)", text):
        return "True"
    if re.search(r"\bnumber of (repeats|repetitions)\b", text, re.I):
        return "1"
    return None


def keyword_for_the_required(tree: ast.Module, line: int, source: str, index, func: str, keyword: str):
    """`core.wait(duration=0.2)`: the one argument given, by a name the function does not have, where the
    function (read from the API index through the module it is called on) has one required parameter and the call
    gives nothing else: the value given by position."""
    if index is None:
        return None
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if not (_last_name(node.func) == func and not node.args and len(node.keywords) == 1 and
                node.keywords[0].arg == keyword and node.end_lineno == line):
            continue
        record = index.lookup(ast.get_source_segment(source, node.func))
        required = [p for p in record.params if p.default is None and p.kind in
                    ("positional_or_keyword", "positional_only")] if record else []
        if len(required) != 1 or record.kind not in ("function", "method"):
            return None
        value = ast.get_source_segment(source, node.keywords[0].value)
        head = ast.get_source_segment(source, node.func)
        return (f"{func}() has no parameter {keyword}: the value is its {required[0].name}, given by position", line,
                _splice(text, node.col_offset, node.end_col_offset, f"{head}({value})"))
    return None


def class_for_module(tree: ast.Module, line: int, source: str, index) -> tuple[str, int, str] | None:
    """`visual.window(...)` calls the module visual.window: the class of that name (`visual.Window`)."""
    if index is None:
        return None
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and
                node.func.lineno == line == node.func.end_lineno and isinstance(node.func.value, ast.Name)):
            continue
        parent, name = node.func.value.id, node.func.attr
        for member in index.members(f"psychopy.{parent}"):
            if member.name != name and member.name.lower() == name.lower() and member.name[:1].isupper():
                start = node.func.end_col_offset - len(name)
                return (f"{parent}.{name} is a module: the class is {parent}.{member.name}", line,
                        _splice(text, start, node.func.end_col_offset, member.name))
    return None


def number_from_text(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """A duration that is text (`core.wait(d)` with d = '0.1'): float() around the call's argument."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.lineno == line == node.end_lineno and \
                isinstance(node.func, ast.Attribute) and node.args and \
                all(isinstance(a, (ast.Name, ast.Subscript, ast.Attribute)) for a in node.args[:1]):
            arg = node.args[0]
            return ("The value is text: turn it into a number with float()", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "float(", ")"))
    return None


def shadowed_builtin(tree: ast.Module, line: int, source: str):
    """`sum = 0` ... `sum(rts)`: the variable hides Python's function of that name; the variable renamed with a
    trailing underscore (`sum_`, PEP 8's way around a clash) wherever the script uses it as a value."""
    called = [n.func.id for n in _on_line(tree, line, ast.Call) if isinstance(n.func, ast.Name) and
              callable(getattr(builtins, n.func.id, None))]
    lines = source.split("\n")
    for name in called:
        bound = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and
                 isinstance(n.ctx, ast.Store)]
        if not bound or any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name for n in ast.walk(tree)):
            continue
        funcs = _called(tree)
        uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and id(n) not in funcs and
                n.lineno == n.end_lineno]
        if f"{name}_" in {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}:
            return None
        first, *rest = _renamed(lines, uses, f"{name}_")
        return (f"`{name}` is a variable here (line {bound[0].lineno}), hiding Python's {name}(): the variable "
                f"renamed {name}_", first[0], first[1], tuple(rest))
    return None


def _renamed(lines: list[str], uses: list[ast.Name], new: str) -> list[tuple[int, str]]:
    """(1-based line, its text with each of `uses` on it replaced by `new`), for every line that has one."""
    edits = []
    for at in sorted({n.lineno for n in uses}):
        text = lines[at - 1]
        for n in sorted((n for n in uses if n.lineno == at), key=lambda n: n.col_offset, reverse=True):
            text = _splice(text, n.col_offset, n.end_col_offset, new)
        edits.append((at, text))
    return edits


def decimal_comma(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`float('0,5')`: a number typed with a decimal comma; the comma made a point before float()."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("float",)):
        if len(node.args) == 1 and not (isinstance(node.args[0], ast.Constant)):
            arg = node.args[0]
            return ("The number was typed with a decimal comma: make it a point before float()", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "", ".replace(',', '.')"))
    return None


def key_of_type(tree: ast.Module, line: int, key, source: str) -> tuple[str, int, str] | None:
    """`counts[key]` with key '2' where the dict written in the script has the numbers 1, 2, 3 as keys (a key
    name is text): int(key); the other way round (text keys, a number): str(key)."""
    want = int if isinstance(key, str) and key.lstrip("-").isdigit() else str if isinstance(key, int) else None
    if want is None:
        return None
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Subscript):
        if not isinstance(node.value, ast.Name) or isinstance(node.slice, ast.Constant):
            continue
        keys = [k for d in _dict_literals_of(tree, node.value.id) for k in d.keys if isinstance(k, ast.Constant)]
        if keys and all(type(k.value) is want for k in keys) and want(key) in {k.value for k in keys}:
            index = node.slice
            return (f"The dict's keys are {want.__name__}s: read the key as {want.__name__}()", line,
                    _wrap(text, [(index.col_offset, index.end_col_offset)], f"{want.__name__}(", ")"))
    return None


def _dict_literals_of(tree: ast.Module, name: str) -> list[ast.Dict]:
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict) and
            any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]


def lines_not_characters(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`for line in open(path).read():` goes through the file's text one character at a time (so `cells[1]` of a
    split character is out of range): the file's lines, without `.read()`."""
    lines = source.split("\n")
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and loop.lineno < line <= loop.end_lineno and
                isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Attribute) and
                loop.iter.func.attr == "read" and not loop.iter.args and loop.iter.lineno == loop.lineno):
            continue
        text = lines[loop.lineno - 1]
        owner = loop.iter.func.value
        return ("Looping over read() gives one character at a time: loop over the file for its lines", loop.lineno,
                _splice(text, loop.iter.col_offset, loop.iter.end_col_offset,
                        ast.get_source_segment(source, owner)))
    return None


def digits_of_key(tree: ast.Module, line: int, literal: str, source: str) -> tuple[str, int, str] | None:
    """`int(key)` of a key name with a prefix (the number pad's 'num_4'): the prefix removed first."""
    m = re.fullmatch(r"([^\d]+)(\d+)", literal)
    if m is None:
        return None
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("int", "float") and \
                node.lineno == line == node.end_lineno and len(node.args) == 1:
            arg = node.args[0]
            return (f"Key names like {literal!r} carry a prefix: remove {m.group(1)!r} before int()", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "", f".replace({m.group(1)!r}, '')"))
    return None


def float_not_int(tree: ast.Module, line: int, source: str) -> tuple[str, int, str] | None:
    """`int('0.25')` (a duration typed into a dialog): the text has a fraction, so float()."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("int",)):
        if isinstance(node.func, ast.Name) and len(node.args) == 1:
            return ("The text holds a fraction: read it with float()", line,
                    _splice(text, node.func.col_offset, node.func.end_col_offset, "float"))
    return None


def import_edit(tree: ast.Module, source: str, name: str, statement: str) -> tuple[int, str] | None:
    """(line, new text) adding `statement` after the script's last top-level import; None when `name` is
    already imported."""
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name) == name for a in node.names):
            return None
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if not imports:
        return None
    at = imports[-1].end_lineno
    return at, source.split("\n")[at - 1] + "\n" + statement


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


def _last_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _on_line(tree: ast.Module, line: int, kind: type) -> list:
    """Nodes of `kind` within `line` alone, outermost first."""
    found = [n for n in ast.walk(tree) if isinstance(n, kind) and n.lineno == line == n.end_lineno]
    return sorted(found, key=lambda n: (n.col_offset, -n.end_col_offset))


def _imports(tree: ast.Module) -> dict[str, str]:
    """The modules the script imports at its top level (`import numpy as np`), each with the name it is called by
    (`import os.path` without an alias binds `os`, not `os.path`: left out)."""
    return {a.name: a.asname or a.name for node in tree.body if isinstance(node, ast.Import) for a in node.names
            if a.asname or "." not in a.name}


def _called(tree: ast.Module) -> set[int]:
    """ids of the expressions the script calls (`f` of `f(x)`): what is a method call rather than a value."""
    return {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}


def _module_attributes(tree: ast.Module, line: int, module: str | None, name: str) -> list[ast.Attribute]:
    """Each `module.name` written within `line` (`time.clock`); module None: under any name it was imported as
    (`np.float` for numpy)."""
    return [n for n in _on_line(tree, line, ast.Attribute) if n.attr == name and isinstance(n.value, ast.Name) and
            module in (None, n.value.id)]


def _calls(tree: ast.Module, line: int, names: tuple) -> list[ast.Call]:
    """Calls within `line` alone of a function or method named one of `names`, outermost first."""
    return [n for n in _on_line(tree, line, ast.Call) if _last_name(n.func) in names]


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
    if error_type == "UnboundLocalError":
        m = re.search(r"variable '(\w+)'", message)
        return global_for_unbound(tree, line, m.group(1), source) if m else None
    if "'NoneType' object" in message:
        return none_from_in_place(tree, line, source)
    if error_type == "TypeError":
        return _type_error(tree, line, message, source, index)
    if error_type == "ValueError":
        if "not enough values to unpack" in message:
            return first_press(tree, line, source)
        if "too many values to unpack" in message:
            return first_press(tree, line, source) or enumerate_items(tree, line, source)
        m = TEXT_TO_NUMBER.search(message)
        if m is None:
            return None
        if re.fullmatch(r"-?\d*,\d+", m.group(1) or m.group(2)):
            return decimal_comma(tree, line, source)
        if m.group(1) is None:
            return None
        if re.fullmatch(r"-?\d*\.\d+", m.group(1)) and "int()" in message:
            return float_not_int(tree, line, source)
        return digits_of_key(tree, line, m.group(1), source)
    if error_type == "KeyError":
        key = detail.get("key") or message
        try:
            key = ast.literal_eval(key)
        except (ValueError, SyntaxError):
            return None
        if isinstance(key, (str, int)) and (found := key_of_type(tree, line, key, source)):
            return found
        return key_in_literals(tree, line, key, source) if isinstance(key, str) else None
    if error_type == "AttributeError" and "'str' object has no attribute 'name'" in message:
        return event_key_name(tree, line, source)
    m = re.search(r"'(\w+Handler\w*)' object has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m and m.group(2) in EXPERIMENT_ONLY:
        return experiment_method(tree, line, source, m.group(2))
    m = re.search(r"'(list|dict)' object has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m:
        if m.group(1) == "dict":
            return dict_key(tree, line, m.group(2), source)
        return keypress_list(tree, line, m.group(2), source) or over_the_list(tree, line, m.group(2), source)
    if error_type == "IndexError" and re.search(r"(list|string|tuple) index out of range", message):
        return wait_for_press(tree, line, source) or lines_not_characters(tree, line, source) or \
            past_the_end(tree, line, source)
    return None


def _type_error(tree: ast.Module, line: int, message: str, source: str, index):
    if "cannot be interpreted as an integer" in message or \
            "expected a sequence of integers or a single integer" in message:  # numpy's shapes and counts
        return round_count(tree, line, source, text="'str' object" in message)
    if "'KeyPress'" in message:
        return keypress_name(tree, line, source)
    if "cannot unpack non-iterable KeyPress" in message:
        return unpack_keypress(tree, line, source)
    if "required positional argument: 'self'" in message:
        return call_the_class(tree, line, source)
    m = re.search(r"(?:(\w+)\.)?(\w+)\(\) missing 1 required positional argument: '(\w+)'", message)
    if m:
        owner, method, param = m.groups()
        if method == "__init__" and owner:  # `TrialHandler(conds)`: the call names the class
            owner, method = None, owner
        return missing_argument(tree, line, method, param, source, documented_value(index, owner, method, param))
    m = re.search(r"(\w+)\(\) got an unexpected keyword argument '(\w+)'", message)
    if m and (found := keyword_for_the_required(tree, line, source, index, m.group(1), m.group(2))):
        return found
    if "'module' object is not callable" in message:
        return class_for_module(tree, line, source, index)
    m = re.search(r"unsupported operand type\(s\) for [-+*/]+=?: '(\w+)' and '(\w+)'", message)
    if m and {m.group(1), m.group(2)} & set(CLOCKS):
        return clock_reading(tree, line, source)
    if re.search(r"\bmethod\b|\bbuiltin_function_or_method\b", message):
        return call_the_method(tree, line, source)
    m = re.search(r"'(\w+)' object is not callable", message)
    if m and (found := shadowed_builtin(tree, line, source)):
        return found
    if "not enough arguments for format string" in message:
        return percent_tuple(tree, line, source)
    if re.search(r"can only concatenate str|unsupported operand type\(s\) for \+", message) and \
            str_concat(tree, line, source):
        return str_concat(tree, line, source)
    if re.search(r"unsupported operand type\(s\) for [-+*/]+=?: '(str' and '(float|int)|(float|int)' and 'str)'",
                 message):
        return number_from_text(tree, line, source)
    return None
