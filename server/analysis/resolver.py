"""What the names in a user's experiment script refer to, as far as PsychoPy is concerned.

Our own resolver rather than jedi: it only needs to follow imports, aliases and assignments to PsychoPy modules,
classes, functions and instances (`from psychopy import visual as v`, `stim = v.TextStim(...)`,
`kb = keyboard.Keyboard()`), it works on the knowledge base's records (so another interpreter's psychopy is fine),
and it answers in microseconds where jedi takes tens of milliseconds per request (benchmarks/static.py).

Flow-insensitive within a scope, but line-aware: a name resolves to its latest binding at or above the line asked
about in the innermost function scope, then the module scope. Anything not provably PsychoPy resolves to None,
which every feature treats as "say nothing" (precision over recall).
"""

from __future__ import annotations

import ast
import bisect
import re
import threading
from dataclasses import dataclass, field
from typing import Protocol

from ...kb.records import Record


class ApiIndex(Protocol):
    def lookup(self, symbol: str) -> Record | None: ...


@dataclass(frozen=True)
class Value:
    """A statically known value.

    kind: module | class | instance | function | method | attribute | constant | keylist | external
    symbol: the record symbol (for an instance: its class; for a method or attribute: Class.name)
    """

    kind: str
    symbol: str


# Return values worth knowing for the checks (lists of keys are indexed without checking they are empty).
RETURNS = {
    "psychopy.event.getKeys": Value("keylist", "psychopy.event.getKeys"),
    "psychopy.event.waitKeys": Value("keylist", "psychopy.event.waitKeys"),
    "psychopy.hardware.keyboard.Keyboard.getKeys": Value("keylist", "psychopy.hardware.keyboard.Keyboard.getKeys"),
    "psychopy.hardware.keyboard.Keyboard.waitKeys": Value("keylist", "psychopy.hardware.keyboard.Keyboard.waitKeys"),
}


@dataclass
class Scope:
    node: ast.AST
    parent: "Scope | None"
    # name -> [(line, binding)]; a binding is an ast.expr to infer lazily, or a ready Value, or None (shadowed)
    bindings: dict[str, list[tuple[int, object]]] = field(default_factory=dict)
    # for class scopes: `self.x = ...` assignments made in its methods
    self_attrs: dict[str, list[tuple[int, object]]] = field(default_factory=dict)

    def bind(self, name: str, line: int, binding: object) -> None:
        # kept sorted by line (ties in binding order) so a lookup is a bisection: scripts rebind `stim` or
        # `keys` thousands of times, and a scan per lookup made checking quadratic in the file's length
        bisect.insort_right(self.bindings.setdefault(name, []), (line, binding), key=_line_of)


def _line_of(entry: tuple[int, object]) -> int:
    return entry[0]


def _latest(entries: list[tuple[int, object]], line: int | None) -> object:
    """The binding in force at `line`: the last one at or above it, else the first one (used before bound)."""
    if line is None:
        return entries[-1][1]
    i = bisect.bisect_right(entries, line, key=_line_of)
    return entries[i - 1][1] if i else entries[0][1]


class Analysis:
    """One parse of one document version, with lazy, memoised inference.

    Shared by the threads that answer for one snapshot (diagnostics in a worker, hover on the event loop), so
    inference runs under the analysis's own lock, and the memo holds only nodes of its own tree (alive as long as
    the analysis): an expression built elsewhere (completion parses the text being typed) is inferred without
    being memoised, since its id() could be reused by the next one once it is freed."""

    def __init__(self, source: str, index: ApiIndex):
        self.source = source
        self.index = index
        self.syntax_error: SyntaxError | None = None
        self.tree = parse_tolerant(source)
        if isinstance(self.tree, SyntaxError):
            self.syntax_error = self.tree
            self.tree = salvage(source, self.syntax_error)
        self.module_scope = Scope(self.tree, None)
        self.scope_of: dict[int, Scope] = {}  # id(node) -> scope that contains it (for function/class bodies)
        self._memo: dict[int, Value | None] = {}
        self._in_progress: set[int] = set()
        self._lock = threading.RLock()
        self._collect(self.tree.body, self.module_scope, None)
        # one walk for what can hide anywhere in an expression: walrus targets (`if (keys := kb.getKeys()):`)
        # and the parent of every node, collected in the same pass (the checks walk upwards from a node)
        self.nodes, self.parents = _walk_with_parents(self.tree)
        self.own_ids = {id(node) for node in self.nodes}
        for node in self.nodes:
            if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                self.scope_for_line(node.lineno).bind(node.target.id, node.lineno, node.value)

    # ---- binding collection -----------------------------------------------------------------------------------
    def _collect(self, body: list[ast.stmt], scope: Scope, cls_scope: Scope | None) -> None:
        for stmt in body:
            self._collect_stmt(stmt, scope, cls_scope)

    def _collect_stmt(self, stmt: ast.stmt, scope: Scope, cls_scope: Scope | None) -> None:
        line = stmt.lineno
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    scope.bind(alias.asname, line, _module_value(alias.name))
                else:
                    top = alias.name.split(".")[0]
                    scope.bind(top, line, _module_value(top))
        elif isinstance(stmt, ast.ImportFrom):
            if stmt.level == 0 and stmt.module:
                for alias in stmt.names:
                    if alias.name == "*":
                        continue
                    scope.bind(alias.asname or alias.name, line, ("from", stmt.module, alias.name))
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope.bind(stmt.name, line, None)
            inner = Scope(stmt, scope)
            self.scope_of[id(stmt)] = inner
            args = stmt.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
                if arg is not None:
                    inner.bind(arg.arg, line, None)
            self._collect(stmt.body, inner, cls_scope if scope.node is not None and isinstance(
                scope.node, ast.ClassDef) else None)
        elif isinstance(stmt, ast.ClassDef):
            scope.bind(stmt.name, line, None)
            inner = Scope(stmt, scope)
            self.scope_of[id(stmt)] = inner
            for sub in stmt.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    method_scope = Scope(sub, scope)  # methods see the module scope, not the class body
                    self.scope_of[id(sub)] = method_scope
                    for arg in [*sub.args.posonlyargs, *sub.args.args, *sub.args.kwonlyargs]:
                        method_scope.bind(arg.arg, sub.lineno, None)
                    self._collect(sub.body, method_scope, inner)
                else:
                    self._collect_stmt(sub, inner, inner)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                self._bind_target(target, stmt.value, scope, cls_scope, line)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self._bind_target(stmt.target, stmt.value, scope, cls_scope, line)
        elif isinstance(stmt, ast.AugAssign):
            if isinstance(stmt.target, ast.Name):
                scope.bind(stmt.target.id, line, None)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            self._bind_target(stmt.target, None, scope, cls_scope, line)
            self._collect(stmt.body, scope, cls_scope)
            self._collect(stmt.orelse, scope, cls_scope)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                if item.optional_vars is not None:
                    self._bind_target(item.optional_vars, None, scope, cls_scope, line)
            self._collect(stmt.body, scope, cls_scope)
        elif isinstance(stmt, (ast.If, ast.While)):
            self._collect(stmt.body, scope, cls_scope)
            self._collect(stmt.orelse, scope, cls_scope)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            self._collect(stmt.body, scope, cls_scope)
            for handler in stmt.handlers:
                if handler.name:
                    scope.bind(handler.name, handler.lineno, None)
                self._collect(handler.body, scope, cls_scope)
            self._collect(stmt.orelse, scope, cls_scope)
            self._collect(stmt.finalbody, scope, cls_scope)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                self._collect(case.body, scope, cls_scope)

    def _bind_target(self, target: ast.expr, value: ast.expr | None, scope: Scope, cls_scope: Scope | None,
                     line: int) -> None:
        if isinstance(target, ast.Name):
            scope.bind(target.id, line, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(
                target.elts) else [None] * len(target.elts)
            for sub, sub_value in zip(target.elts, values):
                self._bind_target(sub, sub_value, scope, cls_scope, line)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, None, scope, cls_scope, line)
        elif (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
              and target.value.id == "self" and cls_scope is not None):
            cls_scope.self_attrs.setdefault(target.attr, []).append((line, (value, scope)))

    # ---- inference ----------------------------------------------------------------------------------------
    def scope_for_line(self, line: int) -> Scope:
        """The innermost function scope whose body spans `line` (1-based)."""
        best = self.module_scope
        best_span = None
        for scope in self.scope_of.values():
            node = scope.node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= (
                    node.end_lineno or node.lineno):
                span = (node.end_lineno or node.lineno) - node.lineno
                if best_span is None or span < best_span:
                    best, best_span = scope, span
        return best

    def values_on_lines(self, first: int, last: int, calls: bool = False):
        """(node, value) for every name and attribute on 1-based lines [first, last] that resolves, in the tree's
        walk order; with `calls`, a call also yields its callee's value at the call's place in that order (a
        fix prompt wants the called API first). A half-typed buffer never stops the walk."""
        kinds = (ast.Name, ast.Attribute, ast.Call) if calls else (ast.Name, ast.Attribute)
        for node in self.nodes:
            if not isinstance(node, kinds) or not first <= getattr(node, "lineno", 0) <= last:
                continue
            target = node.func if isinstance(node, ast.Call) else node
            try:
                value = self.infer(target, self.scope_for_line(node.lineno))
            except Exception:  # noqa: BLE001 - inference on salvaged, broken code
                continue
            if value is not None and value.symbol:
                yield node, value

    def class_scope_for_line(self, line: int) -> Scope | None:
        for scope in self.scope_of.values():
            node = scope.node
            if isinstance(node, ast.ClassDef) and node.lineno <= line <= (node.end_lineno or node.lineno):
                return scope
        return None

    def resolve_name(self, name: str, line: int | None, scope: Scope | None = None) -> Value | None:
        scope = scope or (self.scope_for_line(line) if line else self.module_scope)
        while scope is not None:
            if name in scope.bindings:
                binding = _latest(scope.bindings[name], line)
                return self._from_binding(binding, line, scope)
            scope = scope.parent
        return None

    def binding_at(self, name: str, line: int) -> object:
        """The raw binding of `name` in force at `line` (an ast.expr, a Value, an import tuple, or None): the
        latest at or above the line in the innermost scope that binds the name. Unlike resolve_name, a name used
        before any binding has none."""
        scope = self.scope_for_line(line)
        while scope is not None:
            entries = scope.bindings.get(name)
            if entries:
                i = bisect.bisect_right(entries, line, key=_line_of)
                return entries[i - 1][1] if i else None
            scope = scope.parent
        return None

    def _from_binding(self, binding: object, line: int | None, scope: Scope) -> Value | None:
        if binding is None:
            return None
        if isinstance(binding, Value):
            return binding
        if isinstance(binding, tuple) and binding and binding[0] == "from":
            _, module, name = binding
            if not module.startswith("psychopy"):
                return Value("external", f"{module}.{name}")
            return self._lookup_value(f"{module}.{name}")
        if isinstance(binding, ast.expr):
            return self.infer(binding, scope)
        return None

    def _lookup_value(self, symbol: str) -> Value | None:
        record = self.index.lookup(symbol)
        if record is None:
            return None
        if record.kind in ("module", "class", "function"):
            return Value(record.kind, record.symbol)
        return None

    def infer(self, expr: ast.expr, scope: Scope | None = None) -> Value | None:
        key = id(expr)
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            if key in self._in_progress:  # x = x.foo(); guards recursion through self-referencing bindings
                return None
            self._in_progress.add(key)
            try:
                value = self._infer(expr, scope)
            finally:
                self._in_progress.discard(key)
            if key in self.own_ids:
                self._memo[key] = value
            return value

    def _infer(self, expr: ast.expr, scope: Scope | None) -> Value | None:
        line = getattr(expr, "lineno", None)
        if isinstance(expr, ast.Name):
            return self.resolve_name(expr.id, line, scope)
        if isinstance(expr, ast.Attribute):
            if isinstance(expr.value, ast.Name) and expr.value.id == "self" and line is not None:
                cls_scope = self.class_scope_for_line(line)
                if cls_scope is not None and expr.attr in cls_scope.self_attrs:
                    value_expr, value_scope = _latest(cls_scope.self_attrs[expr.attr], None)
                    return self.infer(value_expr, value_scope) if value_expr is not None else None
                return None
            base = self.infer(expr.value, scope)
            return self.attribute_of(base, expr.attr)
        if isinstance(expr, ast.Call):
            func = self.infer(expr.func, scope)
            if func is None:
                return None
            if func.kind == "class":
                return Value("instance", func.symbol)
            if func.kind in ("function", "method"):
                if func.symbol.endswith("waitKeys") and not any(k.arg == "maxWait" for k in expr.keywords):
                    return None  # without a timeout waitKeys never returns an empty list
                return RETURNS.get(func.symbol) or RETURNS.get(self._canonical_method(func.symbol))
            return None
        if isinstance(expr, ast.NamedExpr):
            return self.infer(expr.value, scope)
        return None

    def _canonical_method(self, symbol: str) -> str:
        record = self.index.lookup(symbol)
        return record.symbol if record is not None else symbol

    def attribute_of(self, base: Value | None, attr: str) -> Value | None:
        if base is None:
            return None
        if base.kind == "module":
            sub = f"{base.symbol}.{attr}"
            record = self.index.lookup(sub)
            if record is None:
                return None
            if record.kind in ("module", "class", "function"):
                return Value(record.kind, record.symbol)
            return Value("constant", sub)
        if base.kind in ("instance", "class"):
            cls = self.index.lookup(base.symbol)
            member = cls.member(attr) if cls is not None else None
            if member is None:
                return None
            if member.kind in ("method",) or member.kind.startswith("generated"):
                return Value("method", f"{cls.symbol}.{attr}")
            return Value("attribute", f"{cls.symbol}.{attr}")
        return None

    # ---- positions ----------------------------------------------------------------------------------------
    def node_at(self, line: int, byte_col: int) -> list[ast.AST]:
        """Nodes whose span contains (1-based line, byte col), outermost first. Only the statements whose lines
        span `line` are walked, so a hover in a 50,000-line file costs what it costs in a short one."""
        found: list[ast.AST] = []
        body = list(self.tree.body)
        while body:
            stmt = next((s for s in body if s.lineno <= line <= (s.end_lineno or s.lineno)), None)
            if stmt is None:
                break
            found.append(stmt)
            inner = [c for field in ("body", "orelse", "finalbody", "handlers", "cases")
                     for c in getattr(stmt, field, []) or [] if isinstance(c, ast.AST) and hasattr(c, "lineno")]
            body = [c for c in inner if c.lineno <= line <= (c.end_lineno or c.lineno)]
            if not body:
                for node in ast.walk(stmt):
                    if node is stmt or not hasattr(node, "lineno") or getattr(node, "end_lineno", None) is None:
                        continue
                    if (node.lineno, node.col_offset) <= (line, byte_col) <= (node.end_lineno, node.end_col_offset):
                        found.append(node)
        found.sort(key=lambda n: (n.lineno, n.col_offset, -(n.end_lineno or 0), -(n.end_col_offset or 0)))
        return found


def _walk_with_parents(tree: ast.AST) -> tuple[list[ast.AST], dict[int, ast.AST]]:
    """ast.walk's nodes (breadth first) and id(child) -> parent, in one pass over the tree."""
    nodes: list[ast.AST] = [tree]
    parents: dict[int, ast.AST] = {}
    append = nodes.append
    i = 0
    while i < len(nodes):
        node = nodes[i]
        i += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                parents[id(value)] = node
                append(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        parents[id(item)] = node
                        append(item)
    return nodes, parents


def _module_value(name: str) -> Value:
    return Value("module", name) if name == "psychopy" or name.startswith("psychopy.") else Value("external", name)


def parse_tolerant(source: str) -> ast.Module | SyntaxError:
    try:
        # a UTF-8 byte-order mark (Builder writes one; Python reads it in a file, ast not in a str): not code
        return ast.parse(source[1:] if source.startswith("\ufeff") else source)
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        err = SyntaxError(str(exc))
        err.lineno, err.offset = 1, 1
        return err


def salvage(source: str, error: SyntaxError, attempts: int = 20) -> ast.Module:
    """Best-effort tree for a broken buffer: blank out the offending lines until it parses, so hover and
    completion keep working on the rest of a half-typed script."""
    lines = source.splitlines()
    for _ in range(attempts):
        lineno = getattr(error, "lineno", None) or len(lines)
        end = getattr(error, "end_lineno", None) or lineno
        for i in range(max(lineno - 1, 0), min(max(end, lineno), len(lines))):
            indent = re.match(r"\s*", lines[i]).group(0)
            lines[i] = f"{indent}pass" if lines[i].strip() else lines[i]
        # an unclosed bracket: the error line is the opener; blank through the end of the file if it persists
        try:
            return ast.parse("\n".join(lines))
        except SyntaxError as exc:
            if getattr(exc, "lineno", None) == lineno:
                for i in range(lineno - 1, len(lines)):
                    lines[i] = ""
            error = exc
        except (ValueError, RecursionError, MemoryError):
            break
    return ast.Module(body=[], type_ignores=[])
