"""textDocument/codeAction + codeAction/resolve for "Fix with the PsychoPy model": listing is instant (the action
carries only data); resolving runs the model off the event loop and returns either a verified, versioned edit of
the region or the action without an edit plus a message saying why no verified fix was produced."""

from __future__ import annotations

import asyncio
import threading

from lsprotocol import types as lsp

from .backends import BackendError, Cancelled
from .inline_handler import checker_findings, region_api_lines

TITLE = "Fix with the PsychoPy model"


def model_fix_actions(params: lsp.CodeActionParams, uri: str, version: int | None) -> list[lsp.CodeAction]:
    """One unresolved action per diagnostic in the request's context (static or from psychopy.runScript)."""
    only = params.context.only
    if only and not any(str(kind).startswith("quickfix") for kind in only):
        return []
    actions = []
    for diagnostic in params.context.diagnostics or []:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        if data.get("version") not in (None, version):
            continue  # computed on another version of the text: no fix for it
        code = diagnostic.code if diagnostic.code is not None else ""
        actions.append(lsp.CodeAction(
            title=f"{TITLE}: {code}".rstrip(": ") if code else TITLE,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=False,  # a deterministic fix, when there is one, stays the preferred action
            data={"psychopyModelFix": True, "uri": uri, "version": version, "line": diagnostic.range.start.line,
                  "message": diagnostic.message, "code": code, "source": diagnostic.source or ""}))
    return actions


def _refuse(ls, action: lsp.CodeAction, reason: str) -> lsp.CodeAction:
    action.data = {**(action.data or {}), "refused": reason}
    action.disabled = lsp.CodeActionDisabled(reason=reason)
    ls.show(f"could not produce a verified fix: {reason}", lsp.MessageType.Info)
    return action


async def resolve_model_fix(ls, action: lsp.CodeAction) -> lsp.CodeAction:
    from .model_fix import model_fix, region_for

    data = action.data if isinstance(action.data, dict) else {}
    if not data.get("psychopyModelFix"):
        return action
    uri = data.get("uri")
    found = ls.analysis_for(uri) if isinstance(uri, str) else None
    if found is None:
        return _refuse(ls, action, f"the document {uri} is not open")
    doc, analysis, lines = found
    if data.get("version") is not None and doc.version != data.get("version"):
        return _refuse(ls, action, "the document changed since the diagnostic; ask again")
    backend = await ls.get_backend()
    if backend is None:
        return _refuse(ls, action, ls.backend_error or "the model is off")
    version = doc.version
    line = int(data.get("line") or 0)

    region = region_for(doc.source, line)
    api_lines = region_api_lines(analysis, region.start, region.end)
    cancel = threading.Event()
    try:
        outcome = await asyncio.to_thread(
            model_fix, doc.source, line, str(data.get("message") or ""), data.get("code"),
            api_lines, backend, checker_findings(analysis), max(ls.settings.max_tokens, 160), cancel, region)
    except asyncio.CancelledError:
        cancel.set()
        raise
    except Cancelled:
        return _refuse(ls, action, "cancelled")
    except BackendError as exc:
        return _refuse(ls, action, str(exc))
    current = ls.workspace.text_documents.get(uri)
    if current is None or current.version != version:
        return _refuse(ls, action, "the document changed while the model worked; ask again")
    if not outcome.ok:
        return _refuse(ls, action, outcome.reason)
    region = outcome.region
    last = region.end - 1
    end = lsp.Position(line=region.end, character=0) if region.end < len(lines.lines) else \
        lsp.Position(line=last, character=lines.client_col(last, len(lines.line(last))))
    new_text = outcome.new_text + ("\n" if region.end < len(lines.lines) else "")
    action.edit = lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
        edits=[lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=region.start, character=0), end=end),
                            new_text=new_text)])])
    action.data = {**data, "verified": outcome.reason, "region": [region.start, region.end]}
    return action
