"""Diagnostics for one snapshot: the checker's findings as LSP diagnostics, tagged with the version."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..analysis import LineIndex
from ..checks import ERROR, HINT, INFO, Finding, family_of
from ..documents import Snapshot
from .explain import docs_link

SEVERITY = {ERROR: lsp.DiagnosticSeverity.Error, INFO: lsp.DiagnosticSeverity.Information,
            HINT: lsp.DiagnosticSeverity.Hint}


def to_range(lines: LineIndex, span: tuple[int, int, int, int]) -> lsp.Range:
    l1, c1, l2, c2 = span
    return lsp.Range(start=lsp.Position(*lines.lsp(l1, c1)), end=lsp.Position(*lines.lsp(l2, c2)))


def to_diagnostic(finding: Finding, lines: LineIndex, version: int | None) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=to_range(lines, finding.span),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Warning),
        code=finding.code,
        source=finding.source,
        code_description=lsp.CodeDescription(href=link) if (link := docs_link(finding.code)) else None,
        tags=[lsp.DiagnosticTag.Unnecessary] if finding.unnecessary else None,
        # the version lets code actions refuse to apply a fix computed for another version of the text
        data={"version": version, "name": finding.name, "fixable": finding.fix is not None},
    )


def enabled(finding: Finding, checks: dict | None) -> bool:
    """Whether the user's `checks` setting leaves the finding's family on (syntax errors always are)."""
    family = family_of(finding.code)
    return checks is None or family is None or checks.get(family, True)


def diagnostics(snapshot: Snapshot, checks: dict | None = None) -> list[lsp.Diagnostic]:
    return [to_diagnostic(f, snapshot.lines, snapshot.version) for f in snapshot.findings() if enabled(f, checks)]
