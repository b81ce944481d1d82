"""Diagnostics for one snapshot: the checker's findings as LSP diagnostics, tagged with the version."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..analysis import LineIndex
from ..checks import ERROR, Finding
from ..documents import Snapshot

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


def diagnostics(snapshot: Snapshot) -> list[lsp.Diagnostic]:
    return [to_diagnostic(f, snapshot.lines, snapshot.version) for f in snapshot.findings()]
