"""Attributes: unknown members of PsychoPy modules (PSY105, PSY107) and objects (PSY104)."""

from __future__ import annotations

import ast

from .context import CheckContext
from .findings import Fix, did_you_mean, plugin_message


class AttributeChecks(CheckContext):
    FAMILY = "api"
    HANDLES = {ast.Attribute: "check_attribute"}

    def check_attribute(self, node: ast.Attribute) -> None:
        if not isinstance(node.ctx, ast.Load):
            return
        base = self.a.infer(node.value)
        if base is None:
            return
        if base.kind == "module" and base.symbol.startswith("psychopy."):
            module = self.index.lookup(base.symbol)
            if module is None or module.kind != "module":
                return
            names = [m.name for m in module.members]
            if node.attr in names or node.attr in module.names or "*" in module.names \
                    or self.index.lookup(f"{base.symbol}.{node.attr}") is not None:
                return
            span = (node.end_lineno, node.end_col_offset - len(node.attr), node.end_lineno, node.end_col_offset)
            stub = self.plugin_stub_named(node.attr)
            if stub is not None:
                self.add("PSY107", plugin_message(stub), span)
                return
            guess = did_you_mean(node.attr, names)
            fix = Fix(f"Change to '{guess}'", [(span, guess)]) if guess else None
            self.add("PSY105", f"module '{base.symbol}' has no attribute '{node.attr}'"
                     + (f"; did you mean '{guess}'?" if guess else ""), span, fix=fix)
        elif base.kind in ("instance", "class"):
            cls = self.index.lookup(base.symbol)
            if cls is None or cls.kind != "class" or cls.plugin or not cls.members:
                return
            if node.attr.startswith("_") or node.attr in self.stored_attrs or cls.member(node.attr):
                return
            names = [m.name for m in cls.members]
            span = (node.end_lineno, node.end_col_offset - len(node.attr), node.end_lineno, node.end_col_offset)
            guess = did_you_mean(node.attr, names)
            fix = Fix(f"Change to '{guess}'", [(span, guess)]) if guess else None
            self.add("PSY104", f"'{cls.name}' object has no attribute '{node.attr}'"
                     + (f"; did you mean '{guess}'?" if guess else ""), span, fix=fix)
