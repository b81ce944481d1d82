"""textDocument/codeAction: deterministic quick fixes for the checker's findings.

A fix is offered only for the document version its diagnostic was computed on, as a versioned TextDocumentEdit
(so a client with newer text rejects it), and every edit lies inside the diagnostic's own range: the fix never
touches text the diagnostic does not cover.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from .checker import Finding
from .diagnostics import SOURCE, to_range
from .positions import LineIndex


def _inside(inner: lsp.Range, outer: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(outer.start) <= key(inner.start) and key(inner.end) <= key(outer.end)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def quick_fixes(findings: list[Finding], lines: LineIndex, uri: str, version: int | None,
                params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    wanted = params.context.diagnostics or []
    only = params.context.only
    if only and not any(str(kind).startswith("quickfix") for kind in only):
        return actions
    for finding in findings:
        if finding.fix is None:
            continue
        rng = to_range(lines, finding.span)
        matching = [d for d in wanted if d.source == SOURCE and d.code == finding.code and d.range == rng]
        if wanted and not matching:
            continue
        if not wanted and not _overlaps(rng, params.range):
            continue
        if any(isinstance(d.data, dict) and d.data.get("version") not in (None, version) for d in matching):
            continue  # the diagnostic was computed on another version of the text
        edits = [lsp.TextEdit(range=to_range(lines, span), new_text=text) for span, text in finding.fix.edits]
        if not all(_inside(e.range, rng) for e in edits):
            continue
        actions.append(lsp.CodeAction(
            title=finding.fix.title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=matching or None,
            is_preferred=finding.fix.preferred,
            edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=edits)]),
        ))
    return actions
