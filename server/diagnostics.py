"""textDocument/publishDiagnostics: syntax errors and PsychoPy API misuse for one document version."""

from __future__ import annotations

from lsprotocol import types as lsp

from .analysis import Analysis
from .checker import ERROR, Finding, check
from .positions import LineIndex

SOURCE = "psychopy-lsp"


def to_range(lines: LineIndex, span: tuple[int, int, int, int]) -> lsp.Range:
    l1, c1, l2, c2 = span
    return lsp.Range(start=lsp.Position(*lines.lsp(l1, c1)), end=lsp.Position(*lines.lsp(l2, c2)))


def to_diagnostic(finding: Finding, lines: LineIndex, version: int | None) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=to_range(lines, finding.span),
        message=finding.message,
        severity=lsp.DiagnosticSeverity.Error if finding.severity == ERROR else lsp.DiagnosticSeverity.Warning,
        code=finding.code,
        source=SOURCE,
        # the version lets code actions refuse to apply a fix computed for another version of the text
        data={"version": version, "name": finding.name, "fixable": finding.fix is not None},
    )


def diagnostics(analysis: Analysis, lines: LineIndex, version: int | None) -> list[lsp.Diagnostic]:
    return [to_diagnostic(f, lines, version) for f in check(analysis)]
