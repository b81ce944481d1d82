"""Repairs for the script's own definitions, read off the exception's message: what the script defined is not what
its calls meet. Same contract as runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing
offered before a re-run proves it). The line a fix changes is the definition's, not always the line that raised.

- a method defined without `self` ("Feedback.show() takes 1 positional argument but 2 were given", the class's
  own `def show(message):`): `self` added as its first parameter;
- `__init__` misspelt (`__int__`, `_init_`, `__innit__`: "Trial() takes no arguments"): the one method of the
  class spelt close to it renamed `__init__`;
- an imported module hidden by a variable of the same name (`import time` ... `time = clock.getTime()` ...
  `time.sleep(0.2)`: "'float' object has no attribute 'sleep'"): the variable renamed `time_` wherever the
  script uses it as a value, its uses of the module left as they are.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import re

from .runtime_rules import _imports, _splice

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
        m = re.search(r"object has no attribute '(\w+)'", message)
        if m:
            return module_hidden(tree, line, source, m.group(1))
    return None


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
        try:
            members = set(dir(importlib.import_module(imported[name])))
        except Exception:  # a module that does not import here: nothing to compare with
            return None
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
        lines = source.split("\n")
        edits = []
        for at in sorted({n.lineno for n in uses}):
            text = lines[at - 1]
            for n in sorted((n for n in uses if n.lineno == at), key=lambda n: n.col_offset, reverse=True):
                text = _splice(text, n.col_offset, n.end_col_offset, f"{name}_")
            edits.append((at, text))
        first, *rest = edits
        return (f"`{name}` is also a variable (line {stored[0].lineno}), hiding the module {imported[name]}: the "
                f"variable renamed {name}_", first[0], first[1], tuple(rest))
    return None
