"""Calls against the real signatures: keywords, required and positional arguments (PSY101-PSY103), plugin classes (PSY107), a method referenced but not called (PSY201), a class where an instance is needed (PSY202)."""

from __future__ import annotations

import ast

from ...kb.records import Param, Record
from ..analysis import Value
from .context import CheckContext
from .findings import WARNING, Fix, did_you_mean, plugin_message, span_of


class CallChecks(CheckContext):
    FAMILY = "api"
    HANDLES = {ast.Call: "check_call", ast.Expr: "check_not_called", ast.Assign: "check_class_assignment"}

    def callee(self, call: ast.Call) -> tuple[Value, Record] | None:
        value = self.a.infer(call.func)
        if value is None or value.kind not in ("class", "function", "method"):
            return None
        record = self.index.lookup(value.symbol)
        if record is None:
            return None
        return value, record

    def check_call(self, call: ast.Call) -> None:
        found = self.callee(call)
        if found is None:
            return
        value, record = found
        label = f"{record.name}()"
        if record.plugin:
            self.add("PSY107", plugin_message(record), call.func)
            return
        params = list(record.params)
        if not params and not record.signature.startswith("("):
            return
        var_kw = any(p.kind == "var_keyword" for p in params)
        var_pos = any(p.kind == "var_positional" for p in params)
        positional = [p for p in params if p.kind in ("positional_only", "positional_or_keyword")]
        by_name = {p.name: p for p in params if p.kind not in ("var_positional", "var_keyword", "positional_only")}
        has_star = any(isinstance(a, ast.Starred) for a in call.args)
        has_star_kw = any(k.arg is None for k in call.keywords)
        matched: list[tuple[Param, ast.expr]] = []
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            if i < len(positional):
                matched.append((positional[i], arg))
        if not has_star and not var_pos and len(call.args) > len(positional):
            extra = call.args[len(positional)]
            self.add("PSY103", f"{label} takes {len(positional)} positional argument"
                     f"{'s' if len(positional) != 1 else ''} but {len(call.args)} were given", extra)
        for kw in call.keywords:
            if kw.arg is None:
                continue
            if kw.arg in by_name:
                matched.append((by_name[kw.arg], kw.value))
            elif not var_kw:
                guess = did_you_mean(kw.arg, list(by_name))
                span = (kw.lineno, kw.col_offset, kw.lineno, kw.col_offset + len(kw.arg))
                fix = Fix(f"Rename to '{guess}'", [(span, guess)]) if guess and guess not in {
                    k.arg for k in call.keywords} else None
                self.add("PSY101", f"{label} got an unexpected keyword argument '{kw.arg}'"
                         + (f"; did you mean '{guess}'?" if guess else ""), span, fix=fix)
        if not has_star and not has_star_kw:
            given = {p.name for p, _ in matched}
            missing = [p for p in params if p.required and p.name not in given]
            if missing:
                names = ", ".join(f"'{p.name}'" for p in missing)
                fix = self._missing_win_fix(call, missing)
                self.add("PSY102", f"{label} missing {len(missing)} required argument{'s' if len(missing) > 1 else ''}: "
                         f"{names}", call, fix=fix)
        self.check_values(call, record, matched)

    def _missing_win_fix(self, call: ast.Call, missing: list[Param]) -> Fix | None:
        if [p.name for p in missing] != ["win"] or call.args:
            return None
        name = self._window_variable(call.lineno)
        if name is None:
            return None
        open_paren = (call.func.end_lineno, call.func.end_col_offset)
        insert = f"{name}, " if call.keywords else name
        line_text = self.a.source.splitlines()[open_paren[0] - 1] if self.a.source else ""
        raw = line_text.encode("utf-8")
        pos = raw.find(b"(", open_paren[1])
        if pos < 0:
            return None
        at = (open_paren[0], pos + 1, open_paren[0], pos + 1)
        return Fix(f"Pass the window '{name}'", [(at, insert)])

    def _window_variable(self, line: int) -> str | None:
        scope = self.a.scope_for_line(line)
        while scope is not None:
            for name in scope.bindings:
                value = self.a.resolve_name(name, line, scope)
                if value is not None and value.kind == "instance" and value.symbol.endswith(".Window"):
                    return name
            scope = scope.parent
        return None

    def check_not_called(self, stmt: ast.Expr) -> None:
        node = stmt.value
        if not isinstance(node, (ast.Attribute, ast.Name)):
            return
        value = self.a.infer(node)
        if value is None or value.kind not in ("method", "function"):
            return
        text = ast.unparse(node)
        end = span_of(node)
        fix = Fix(f"Call it: {text}()", [((end[2], end[3], end[2], end[3]), "()")])
        self.add("PSY201", f"`{text}` is referenced but not called, so nothing happens: add ()", node, WARNING, fix)

    def check_class_assignment(self, node: ast.Assign) -> None:
        if not (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            return
        value = self.a.infer(node.value) if isinstance(node.value, (ast.Attribute, ast.Name)) else None
        if value is None or value.kind != "class":
            return
        record = self.index.lookup(value.symbol)
        if record is None:
            return
        name = node.targets[0].id
        used_as_instance = False
        for use in self.a.nodes:
            if (isinstance(use, ast.Call) and isinstance(use.func, ast.Attribute)
                    and isinstance(use.func.value, ast.Name) and use.func.value.id == name
                    and use.lineno > node.lineno):
                member = record.member(use.func.attr)
                if member is not None and member.kind in ("method", "generated_getter", "generated_setter"):
                    used_as_instance = True
                    break
        if not used_as_instance:
            return
        end = span_of(node.value)
        needs_args = any(p.required for p in record.params)
        fix = None if needs_args else Fix(f"Create an instance: {ast.unparse(node.value)}()",
                                          [((end[2], end[3], end[2], end[3]), "()")])
        self.add("PSY202", f"`{name}` is the class {record.name}, not an instance: call it "
                 f"({ast.unparse(node.value)}()) before using its methods", node.value, WARNING, fix)
