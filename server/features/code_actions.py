"""textDocument/codeAction for one snapshot: deterministic quick fixes, and the (unresolved) model fix actions.

A fix is offered only for the document version its diagnostic was computed on, as a versioned TextDocumentEdit
(so a client with newer text rejects it), only after it was verified (features/edits.py), and every edit lies
inside the diagnostic's own range: the fix never touches text the diagnostic does not cover.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ..documents import Snapshot
from .diagnostics import enabled, to_range
from .edits import verified

MODEL_FIX_TITLE = "Fix with the PsychoPy model"


def _inside(inner: lsp.Range, outer: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(outer.start) <= key(inner.start) and key(inner.end) <= key(outer.end)


def _removals(snapshot, lines: list) -> list[lsp.TextEdit] | None:
    """Whole lines deleted (1-based), each with its line break; None when one is not in the document."""
    edits = []
    for line in lines:
        line0 = int(line) - 1
        if not 0 <= line0 < len(snapshot.lines.lines):
            return None
        if line0 + 1 < len(snapshot.lines.lines):
            rng = lsp.Range(start=lsp.Position(line0, 0), end=lsp.Position(line0 + 1, 0))
        else:  # the last line: from the end of the one before it
            before = line0 - 1
            start = lsp.Position(before, snapshot.lines.client_col(before, len(snapshot.lines.line(before)))) \
                if before >= 0 else lsp.Position(0, 0)
            rng = lsp.Range(start=start, end=lsp.Position(line0, snapshot.lines.client_col(
                line0, len(snapshot.lines.line(line0)))))
        edits.append(lsp.TextEdit(range=rng, new_text=""))
    return edits


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def _wants_quickfix(params: lsp.CodeActionParams) -> bool:
    only = params.context.only
    return not only or any(str(kind).startswith("quickfix") for kind in only)


def quick_fixes(snapshot: Snapshot, params: lsp.CodeActionParams, checks: dict | None = None) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    if not _wants_quickfix(params):
        return actions
    lines, newline = snapshot.lines, snapshot.newline
    wanted = params.context.diagnostics or []
    for i, finding in enumerate(snapshot.findings()):
        if finding.fix is None or not enabled(finding, checks):
            continue
        rng = to_range(lines, finding.span)
        # a fix that moves or imports something declares the region it edits; it always contains the finding
        allowed = to_range(lines, finding.fix.extent) if finding.fix.extent else rng
        matching = [d for d in wanted if d.source == finding.source and d.code == finding.code and d.range == rng]
        if wanted and not matching:
            continue
        if not wanted and not _overlaps(rng, params.range):
            continue
        if any(isinstance(d.data, dict) and d.data.get("version") not in (None, snapshot.version) for d in matching):
            continue  # the diagnostic was computed on another version of the text
        edits = [lsp.TextEdit(range=to_range(lines, span), new_text=text.replace("\n", newline))
                 for span, text in finding.fix.edits]
        if not all(_inside(e.range, allowed) for e in edits) or not verified(snapshot, i):
            continue
        actions.append(lsp.CodeAction(
            title=finding.fix.title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=matching or None,
            is_preferred=finding.fix.preferred,
            edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=snapshot.uri, version=snapshot.version),
                edits=edits)]),
        ))
    return actions


def run_fixes(snapshot: Snapshot, params: lsp.CodeActionParams, runtime: list[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    """The deterministic fix of a run's error, already proved by re-running the script (handlers/commands.py):
    taken from the server's own diagnostics of that run (never from data a client sends back), offered only on
    the version that ran, and editing the lines the fix names (an import added below another, a call split
    from its assignment: that line's text becomes two; the import a fixed call needs)."""
    if not _wants_quickfix(params):
        return []
    actions = []
    wanted = params.context.diagnostics or []
    for diagnostic in runtime:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        fix = data.get("runFix")
        if not fix or data.get("version") != snapshot.version:
            continue
        if wanted and not any(d.source == diagnostic.source and d.code == diagnostic.code and
                              d.range == diagnostic.range for d in wanted):
            continue
        if not wanted and not _overlaps(diagnostic.range, params.range):
            continue
        edits = []
        for edit in fix.get("edits") or [{"line": fix["line"], "newText": fix["newText"]}]:
            line0 = int(edit["line"]) - 1
            if not 0 <= line0 < len(snapshot.lines.lines):
                break
            old = snapshot.lines.line(line0)
            rng = lsp.Range(start=lsp.Position(line0, 0),
                            end=lsp.Position(line0, snapshot.lines.client_col(line0, len(old))))
            edits.append(lsp.TextEdit(range=rng, new_text=edit["newText"].replace("\n", snapshot.newline)))
        else:
            removed = _removals(snapshot, fix.get("removed") or [])
            if removed is None:
                continue
            edits += removed
            actions.append(lsp.CodeAction(
                title=f"{fix['title']} (proved by a re-run)", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=True, data={"verified": fix.get("verified", "")},
                edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=snapshot.uri,
                                                                              version=snapshot.version),
                    edits=edits)])))
    return actions


def model_fix_actions(snapshot: Snapshot, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """One unresolved "Fix with the PsychoPy model" per diagnostic in the request's context (static or from a
    run); listing is instant, the action carries only data, and resolving it runs the model."""
    if not _wants_quickfix(params):
        return []
    actions = []
    for diagnostic in params.context.diagnostics or []:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        if data.get("version") not in (None, snapshot.version):
            continue  # computed on another version of the text: no fix for it
        code = diagnostic.code if diagnostic.code is not None else ""
        actions.append(lsp.CodeAction(
            title=f"{MODEL_FIX_TITLE}: {code}".rstrip(": ") if code else MODEL_FIX_TITLE,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=False,  # a deterministic fix, when there is one, stays the preferred action
            data={"psychopyModelFix": True, "uri": snapshot.uri, "version": snapshot.version,
                  "generation": snapshot.generation,
                  "line": diagnostic.range.start.line, "message": diagnostic.message, "code": code,
                  "source": diagnostic.source or ""}))
    return actions
