"""codeAction/resolve for "Fix with the PsychoPy model": runs the model on its worker and returns either a verified,
versioned edit of the region or the action without an edit plus a message saying why no verified fix was made."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from lsprotocol import types as lsp

from ..app.progress import progress
from ..sandbox.repair import verify_by_rerun
from .commands import sandbox_args

from ..model.backends import BackendError, Cancelled
from ..model.context import checker_findings, region_api_lines
from ..model.fix import Alternatives, alternatives, model_fix, raised_expression, region_for, replace_region


def _refuse(ls, action: lsp.CodeAction, reason: str) -> lsp.CodeAction:
    action.data = {**(action.data or {}), "refused": reason}
    action.disabled = lsp.CodeActionDisabled(reason=reason)
    ls.show(f"could not produce a verified fix: {reason}", lsp.MessageType.Info)
    return action


async def on_resolve(ls, action: lsp.CodeAction) -> lsp.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    if not data.get("psychopyModelFix"):
        return action
    uri = data.get("uri")
    snap = ls.snapshot(uri)
    if snap is None:
        return _refuse(ls, action, f"the document {uri} is not open")
    if data.get("generation", snap.generation) != snap.generation or \
            data.get("version", snap.version) != snap.version:
        return _refuse(ls, action, "the document changed since the diagnostic; ask again")
    # what a runtime fix is re-run against, taken now (not after the awaits below)
    state = ls.docs.state(uri)
    before = state.last_run if state is not None else None
    python, run_options = sandbox_args(ls)
    backend = await ls.get_backend()
    if backend is None:
        return _refuse(ls, action, ls.backend_error or "the model is off")
    line = int(data.get("line") or 0)
    lines = snap.lines.lines
    source = "\n".join(lines)  # the model and its verifier see LF; the edit is written with the file's endings
    region = region_for(source, line)
    api_lines = region_api_lines(snap.analysis, region.start, region.end)
    from_run = data.get("source") == "psychopy-run"
    if from_run and (before is None or getattr(before, "status", "") != "error"):
        return _refuse(ls, action, "run the script again first: the run this diagnostic came from is gone")
    # a runtime error: the greedy answer, then the alternatives (the model's own and generic edits, ranked by the
    # model), until a re-run proves one: the model's first choice is often the unchanged code, and the run, not the
    # model, decides (fix.Alternatives, as fix.first_proved). A static finding: the greedy answer only.
    message = str(data.get("message") or "")
    raised = raised_expression(before, source) if from_run else None
    search = Alternatives(lines, message, ls.settings.fix_samples if from_run else 0, raised)

    async def on_worker(job):
        with ls.docs.model_work(uri) as cancel:
            if cancel is None:
                raise Cancelled("the document was closed")
            return await ls.worker.run(lambda: job(cancel), cancel)

    outcome = None
    try:
        queue = [("greedy", await on_worker(lambda cancel: model_fix(
            source, line, message, data.get("code"), api_lines, backend, checker_findings(snap.analysis),
            max(ls.settings.max_tokens, 160), cancel, region)))]
        while queue and search.budget_left():
            if not ls.docs.is_current(snap):
                return _refuse(ls, action, "the document changed while the model worked; ask again")
            label, candidate = queue.pop(0)
            if not from_run:
                if not candidate.ok:
                    return _refuse(ls, action, candidate.reason)
                outcome = candidate
                break
            if search.worth_a_run(label, candidate):
                which = "the model's answer" if label == "greedy" else \
                    f"{label}, re-run {search.reruns} of {search.samples + 1}"
                fixed = replace_region(lines, candidate.region, candidate.new_text)
                async with progress(ls, "Verifying the model's fix", f"running the fixed script ({which})") as bar:
                    proved, proof, _after = await asyncio.to_thread(verify_by_rerun, before, snap.path, python,
                                                                    fixed, **run_options)
                    bar.end_message = proof
                if not ls.docs.is_current(snap):
                    return _refuse(ls, action, "the document changed while the fix was re-run; ask again")
                search.ran(label, proved, proof)
                if proved:
                    outcome = replace(candidate, reason=proof)
                    break
            if label == "greedy" and search.samples:
                queue = await on_worker(lambda cancel: alternatives(
                    source, line, message, data.get("code"), api_lines, backend, checker_findings(snap.analysis),
                    search.samples, max(ls.settings.max_tokens, 160), cancel, region, search.seen,
                    raised=raised))
    except Cancelled as exc:
        return _refuse(ls, action, str(exc) or "cancelled (the document changed or the request was cancelled)")
    except BackendError as exc:
        return _refuse(ls, action, str(exc))
    if outcome is None:
        return _refuse(ls, action, search.first_reason or "cancelled")
    region = outcome.region
    proof = outcome.reason
    last = region.end - 1
    end = lsp.Position(line=region.end, character=0) if region.end < len(lines) else \
        lsp.Position(line=last, character=snap.lines.client_col(last, len(snap.lines.line(last))))
    newline = snap.newline
    new_text = outcome.new_text.replace("\n", newline) + (newline if region.end < len(lines) else "")
    action.edit = lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=snap.version),
        edits=[lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=region.start, character=0), end=end),
                            new_text=new_text)])])
    action.data = {**data, "verified": proof, "region": [region.start, region.end]}
    return action
