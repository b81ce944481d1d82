"""What every rule family works on: one analysed document, the API index, and the findings so far."""

from __future__ import annotations

import ast

from ...kb.records import Record
from ..analysis import Analysis
from .findings import ERROR, Finding, Fix, span_of


class CheckContext:
    HANDLES: dict[type, str] = {}

    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.index = analysis.index
        self.vocab = getattr(analysis.index, "vocab", {}) or {}
        self.findings: list[Finding] = []
        self.source_lines = analysis.source.splitlines()
        self.parents: dict[int, ast.AST] = analysis.parents
        # attribute names the script assigns somewhere: `stim.myFlag = 1` makes `stim.myFlag` legitimate
        self.stored_attrs: set[str] = {node.attr for node in analysis.nodes if isinstance(node, ast.Attribute)
                                       and isinstance(node.ctx, (ast.Store, ast.Del))}

    def add(self, code: str, message: str, node_or_span, severity: str = ERROR, fix: Fix | None = None) -> None:
        span = node_or_span if isinstance(node_or_span, tuple) else span_of(node_or_span)
        self.findings.append(Finding(code, message, severity, span, fix))

    def add_syntax_error(self, err: SyntaxError) -> None:
        line = err.lineno or 1
        text = err.text or ""
        # SyntaxError.offset counts characters (1-based) in err.text; convert to bytes for our spans
        col = max((err.offset or 1) - 1, 0)
        byte_col = len(text[:col].encode("utf-8"))
        end_line = err.end_lineno or line
        end_col = err.end_offset - 1 if err.end_offset and err.end_offset > (err.offset or 0) else col + 1
        end_byte = len(text[:end_col].encode("utf-8")) if end_line == line else byte_col + 1
        self.findings.append(Finding("PSY001", f"SyntaxError: {err.msg}", ERROR,
                                     (line, byte_col, line, max(end_byte, byte_col + 1))))

    def plugin_stub_named(self, name: str) -> Record | None:
        for record in getattr(self.index, "records", {}).values():
            if record.name == name and record.plugin:
                return record
        return None
