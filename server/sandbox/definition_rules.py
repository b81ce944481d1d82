"""Repairs for the script's own definitions, read off the exception's message: what the script defined is not what
its calls meet. Same contract as runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing
offered before a re-run proves it). The line a fix changes is the definition's, not always the line that raised.

- a method defined without `self` ("Feedback.show() takes 1 positional argument but 2 were given", the class's
  own `def show(message):`): `self` added as its first parameter;
- `__init__` misspelt (`__int__`, `_init_`, `__innit__`: "Trial() takes no arguments"): the one method of the
  class spelt close to it renamed `__init__`;
- an imported module hidden by a variable of the same name (`import time` ... `time = clock.getTime()` ...
  `time.sleep(0.2)`: "'float' object has no attribute 'sleep'"): the variable renamed `time_` wherever the
  script uses it as a value, its uses of the module left as they are;
- a name imported from the module of the same name used as the module (`from datetime import datetime` ...
  `datetime.datetime.now()`: the doubled name read once, `datetime.now()`; `from random import random` ...
  `random.shuffle(x)`: the module imported instead, `import random`, and the script's calls of the function
  `random()` made `random.random()`);
- a function of the script that returns nothing, its result used ("'NoneType' object is not iterable" on
  `for t in make_trials(...)`): `return` of the one variable the function builds, added as its last line;
- a function called before the script defines it ("name 'show_instructions' is not defined", its `def` further
  down at the top level): the whole definition moved above the statement that called it.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import re
import sys

from .runtime_rules import _imports, _on_line, _renamed, _splice

SELF_NAMES = ("self", "cls")


def definition_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "TypeError":
        m = re.search(r"(\w+)\.(\w+)\(\) takes (\d+) positional arguments? but (\d+) (?:was|were) given", message)
        if m and int(m.group(4)) == int(m.group(3)) + 1:
            return method_without_self(tree, source, m.group(1), m.group(2))
        m = re.search(r"^(\w+)\(\) takes no arguments", message)
        if m:
            return init_misspelt(tree, source, m.group(1))
    if error_type == "AttributeError":
        m = re.search(r"has no attribute '(\w+)'", message)
        if m:
            return namesake_import(tree, line, source, m.group(1)) or module_hidden(tree, line, source, m.group(1))
    if "'NoneType' object" in message:
        return no_return(tree, line, source)
    m = re.search(r"name '(\w+)' is not defined", message)
    if error_type == "NameError" and m:
        return defined_later(tree, line, source, m.group(1))
    return None


def _members(module: str) -> set[str]:
    """The names a module has; empty for one that is neither standard nor loaded in this process already (importing
    a script's own or a third-party module would run its code in the server)."""
    if module.split(".")[0] not in sys.stdlib_module_names and module not in sys.modules:
        return set()
    try:
        return set(dir(importlib.import_module(module)))
    except Exception:  # a module that does not import here: nothing to compare with
        return set()


def _class(tree: ast.Module, name: str) -> ast.ClassDef | None:
    found = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == name]
    return found[0] if len(found) == 1 else None


def method_without_self(tree: ast.Module, source: str, class_name: str, method: str):
    """`def show(message):` in class Feedback, called `feedback.show('Well done')`: Python hands the instance in
    first, one argument more than the method takes. Not a static or class method (those take what they say)."""
    cls = _class(tree, class_name)
    if cls is None:
        return None
    defs = [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == method]
    if len(defs) != 1:
        return None
    func = defs[0]
    args = func.args
    decorators = {d.id for d in func.decorator_list if isinstance(d, ast.Name)}
    if decorators & {"staticmethod", "classmethod"} or args.vararg or args.posonlyargs:
        return None
    if args.args and args.args[0].arg in SELF_NAMES:
        return None
    lines = source.split("\n")
    text = lines[func.lineno - 1]
    opening = text.find("(", text.find(f"def {method}"))
    if opening < 0 or func.lineno != (args.args[0].lineno if args.args else func.lineno):
        return None
    new = text[:opening + 1] + ("self, " if args.args else "self") + text[opening + 1:]
    return (f"{class_name}.{method} is a method: Python passes the instance first, so it needs `self` as its first "
            "parameter", func.lineno, new)


def init_misspelt(tree: ast.Module, source: str, class_name: str):
    """`def __int__(self, word, colour):`: the class has no `__init__`, so calling it with arguments fails; the one
    method spelt close to `__init__` and taking arguments renamed (the real `__int__`, int(obj), takes `self` alone).
    Classes that inherit (their parent may take the arguments) are left."""
    cls = _class(tree, class_name)
    if cls is None or cls.bases or cls.keywords:
        return None
    methods = [n for n in cls.body if isinstance(n, ast.FunctionDef)]
    if any(m.name == "__init__" for m in methods):
        return None
    close = [m for m in methods if m.name != "__init__" and m.args.args and m.args.args[0].arg == "self" and
             difflib.SequenceMatcher(None, m.name.strip("_").lower(), "init").ratio() >= 0.75 and
             (len(m.args.args) > 1 or m.args.vararg or m.args.kwarg)]
    if len(close) != 1:
        return None
    func = close[0]
    text = source.split("\n")[func.lineno - 1]
    at = text.find(f"def {func.name}")
    if at < 0:
        return None
    start = at + len("def ")
    new = text[:start] + "__init__" + text[start + len(func.name):]
    return (f"`{func.name}` is not Python's constructor: `__init__` is, so {class_name}(...) took no arguments",
            func.lineno, new)


def module_hidden(tree: ast.Module, line: int, source: str, attribute: str):
    """`time.sleep(0.2)` raising "'float' object has no attribute 'sleep'" where the script imports `time` and
    also assigns a variable `time`: the variable renamed `time_` (PEP 8's way around a clash) on every line that
    assigns or reads it as a value; `time.<what the module has>` stays the module."""
    imported = {alias: module for module, alias in _imports(tree).items()}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == attribute and node.lineno == line and
                isinstance(node.value, ast.Name) and node.value.id in imported):
            continue
        name = node.value.id
        members = _members(imported[name])
        if attribute not in members:
            return None
        stored = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and
                  isinstance(n.ctx, ast.Store)]
        if not stored or f"{name}_" in {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}:
            return None
        module_uses = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute) and
                       isinstance(n.value, ast.Name) and n.value.id == name and n.attr in members}
        uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and
                id(n) not in module_uses and n.lineno == n.end_lineno]
        first, *rest = _renamed(source.split("\n"), uses, f"{name}_")
        return (f"`{name}` is also a variable (line {stored[0].lineno}), hiding the module {imported[name]}: the "
                f"variable renamed {name}_", first[0], first[1], tuple(rest))
    return None


def namesake_import(tree: ast.Module, line: int, source: str, attribute: str):
    """`from datetime import datetime` then `datetime.datetime.now()`: the name is the class already, the doubled
    name read once. `from random import random` then `random.shuffle(x)` (shuffle is the module's, not the
    function's): `import random`, and every call `random(...)` of the function made `random.random(...)`. Only
    a from-import of that one name, at the top level."""
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.level == 0 and n.module and
               len(n.names) == 1 and n.names[0].asname is None and n.names[0].name == n.module.split(".")[-1]]
    lines = source.split("\n")
    for node in _on_line(tree, line, ast.Attribute):
        value = node.value
        if not isinstance(value, ast.Name):
            continue
        found = [i for i in imports if i.names[0].name == value.id]
        if not found:
            continue
        text = lines[line - 1]
        if node.attr == value.id:  # datetime.datetime.now(): the doubled name once
            return (f"`{value.id}` is imported from its module, so it is the {value.id} itself: name it once",
                    line, _splice(text, node.col_offset, node.end_col_offset, value.id))
        module = found[0].module
        if node.attr not in _members(module):
            return None
        statement = found[0]
        if statement.lineno != statement.end_lineno:
            return None
        called = sorted((c for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and
                         c.func.id == value.id and c.lineno == c.end_lineno), key=lambda c: -c.func.col_offset)
        edits: dict[int, str] = {}
        for call in called:
            current = edits.get(call.lineno, lines[call.lineno - 1])
            edits[call.lineno] = _splice(current, call.func.col_offset, call.func.end_col_offset,
                                         f"{value.id}.{value.id}")
        import_text = lines[statement.lineno - 1]
        indent = import_text[:len(import_text) - len(import_text.lstrip())]
        return (f"`{value.id}.{node.attr}` is the module's: import the module {module} (its function is "
                f"{value.id}.{value.id})", statement.lineno, f"{indent}import {module}",
                tuple(sorted(edits.items())))
    return None


def no_return(tree: ast.Module, line: int, source: str):
    """`for trial in make_trials(words, 2):` where make_trials builds `trials` and ends without returning it: the
    call gives None. `return trials` added after the function's last line: the one variable the body binds at
    its top level and reads again in a later statement (its result being built). Not a function with any
    return of a value, nor one whose body binds none or several such variables."""
    lines = source.split("\n")
    defined = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for call in _on_line(tree, line, ast.Call):
        if not (isinstance(call.func, ast.Name) and call.func.id in defined):
            continue
        func = defined[call.func.id]
        if any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(func)) or \
                any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(func)):
            continue
        bound = [t.id for s in func.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)]
        built = []
        for name in dict.fromkeys(bound):
            first = min(s.lineno for s in func.body if isinstance(s, ast.Assign) and
                        any(isinstance(t, ast.Name) and t.id == name for t in s.targets))
            if any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and n.lineno > first
                   for n in ast.walk(func)):
                built.append(name)
        if len(built) != 1:
            return None
        last = func.body[-1]
        end = last.end_lineno
        body_text = lines[func.body[0].lineno - 1]
        indent = body_text[:len(body_text) - len(body_text.lstrip())]
        return (f"{func.name}() builds {built[0]} but returns nothing (None): return it", end,
                f"{lines[end - 1]}\n{indent}return {built[0]}")
    return None


def defined_later(tree: ast.Module, line: int, source: str, name: str):
    """`show_instructions('Press space')` at the top level, `def show_instructions(text):` further down: Python
    runs a script from the top, so the function does not exist yet. Its definition (decorators and all) moved
    above the top-level statement that raised, with the blank lines that stood before it. Only a top-level def
    or class with no decorators and constant defaults (nothing it reads when defined changes by moving it)."""
    statement = next((s for s in tree.body if s.lineno <= line <= s.end_lineno), None)
    later = [s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.ClassDef)) and s.name == name]
    if statement is None or isinstance(statement, (ast.FunctionDef, ast.ClassDef)) or len(later) != 1:
        return None
    block = later[0]
    if block.lineno <= statement.end_lineno or block.decorator_list:
        return None
    if isinstance(block, ast.FunctionDef) and not all(
            isinstance(d, ast.Constant) for d in block.args.defaults + [d for d in block.args.kw_defaults if d]):
        return None
    if isinstance(block, ast.ClassDef) and (block.bases or block.keywords):
        return None
    lines = source.split("\n")
    first = block.lineno
    while first - 1 > statement.end_lineno and not lines[first - 2].strip():
        first -= 1  # the blank lines before it go with it
    moved = lines[block.lineno - 1:block.end_lineno]
    at = statement.lineno
    return (f"{name} is defined further down (line {block.lineno}): Python runs the script from the top, so its "
            "definition moves above the first call", at, "\n".join(moved) + "\n\n\n" + lines[at - 1], (),
            tuple(range(first, block.end_lineno + 1)))
