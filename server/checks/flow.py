"""Flow: values that may be empty or None used without a guard (PSY205).

A key list from `getKeys()` (or `waitKeys(maxWait=...)`) may be empty (None for waitKeys on a timeout), so
`keys[0]` needs a guard. What counts as one is what careful researchers write:

- the index sits in a branch or operand that a test on the list decides: `if keys: keys[0]`,
  `keys[0] if keys else None`, `keys and keys[0]`, `while keys: ...`, `for k in keys`, `try: ... except IndexError`;
- an earlier statement of the same block (or of an enclosing one) leaves only when the list is empty:
  `if not keys: continue` (or break, return, raise, core.quit()), `if keys is None: ...`,
  `if len(keys) == 0: ...`, an `if not keys:` that assigns the list a value, `while not keys: keys = ...`,
  `assert keys`;
- the name is rebound to something that is not a bare key list (`keys = kb.getKeys() or ['none']`): the
  resolver then no longer calls it a key list at all.
"""

from __future__ import annotations

import ast

from .context import CheckContext
from .findings import WARNING

_EXIT_CALLS = ("quit", "exit", "_exit", "abort")


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_len_of(node: ast.AST, name: str) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"
            and len(node.args) == 1 and _is_name(node.args[0], name))


def true_when_empty(test: ast.expr, name: str) -> bool:
    """Whether `test` holds when `name` is empty or None (so its branch catches the case the index cannot
    handle): `not keys`, `keys is None`, `keys == []`, `len(keys) == 0`, `len(keys) < 1`, `not len(keys)`, or an
    `or` of which one operand is such a test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _is_name(test.operand, name) or _is_len_of(test.operand, name)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(true_when_empty(value, name) for value in test.values)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if _is_name(left, name) and isinstance(op, (ast.Is, ast.Eq)):
            return (isinstance(right, ast.Constant) and right.value is None) or (
                isinstance(right, (ast.List, ast.Tuple)) and not right.elts)
        if _is_len_of(left, name) and isinstance(right, ast.Constant) and isinstance(right.value, int):
            return (isinstance(op, (ast.Eq, ast.LtE)) and right.value == 0) or (
                isinstance(op, ast.Lt) and right.value == 1)
    return False


def _always_exits(body: list[ast.stmt]) -> bool:
    """The block never falls through: it ends in continue, break, return, raise, an exit call, or an if whose
    branches all exit."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Continue, ast.Break, ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        func = last.value.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return called in _EXIT_CALLS
    if isinstance(last, ast.If):
        return _always_exits(last.body) and _always_exits(last.orelse)
    return False


def _assigns(body: list[ast.stmt], name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
               for stmt in body for n in ast.walk(stmt))


def guards_later_statements(stmt: ast.stmt, name: str) -> bool:
    """Whether statements after `stmt` in the same block only run when `name` is non-empty."""
    if isinstance(stmt, ast.Assert):
        return _mentions(stmt.test, name) and not true_when_empty(stmt.test, name)
    if isinstance(stmt, ast.If) and true_when_empty(stmt.test, name):
        return _always_exits(stmt.body) or _assigns(stmt.body, name)
    if isinstance(stmt, ast.While) and true_when_empty(stmt.test, name):
        return True  # `while not keys: keys = kb.getKeys()` ends only once there is a key
    return False


class FlowChecks(CheckContext):
    FAMILY = "keys"
    HANDLES = {ast.Subscript: "check_key_index"}

    def check_key_index(self, node: ast.Subscript) -> None:
        if not isinstance(node.ctx, ast.Load) or not isinstance(node.value, ast.Name):
            return
        value = self.a.infer(node.value)
        if value is None or value.kind != "keylist":
            return
        name = node.value.id
        if not self._guarded(node, name):
            self.add("PSY205", f"`{name}` may be empty (no key was pressed): check `if {name}:` before indexing it",
                     node, WARNING)

    def _guarded(self, node: ast.AST, name: str) -> bool:
        child: ast.AST = node
        parent = self.parents.get(id(node))
        while parent is not None:
            if isinstance(parent, (ast.If, ast.While, ast.IfExp)) and child is not parent.test \
                    and _mentions(parent.test, name):
                return True
            if isinstance(parent, ast.BoolOp) and child in parent.values and any(
                    _mentions(v, name) for v in parent.values[:parent.values.index(child)]):
                return True
            if isinstance(parent, ast.Try) and child in parent.body and any(
                    h.type is None or "IndexError" in ast.unparse(h.type) or "Exception" in ast.unparse(h.type)
                    or "TypeError" in ast.unparse(h.type) for h in parent.handlers):
                return True
            if isinstance(parent, (ast.For, ast.comprehension)) and _mentions(parent.iter, name):
                return True
            if isinstance(child, ast.stmt):
                for field in ("body", "orelse", "finalbody"):
                    block = getattr(parent, field, None)
                    if isinstance(block, list) and child in block:
                        for stmt in reversed(block[:block.index(child)]):
                            if guards_later_statements(stmt, name):
                                return True
                            if _assigns([stmt], name):
                                break  # rebound after any guard above: those guarded the old value
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module, ast.Lambda)):
                return False
            child, parent = parent, self.parents.get(id(parent))
        return False
