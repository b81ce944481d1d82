"""workspace/executeCommand: `psychopy.ask`, `psychopy.explain`, `psychopy.runScript`,
`psychopy.rebuildKnowledgeBase`. Each takes what it needs (the snapshot, the index, the settings) when it starts;
retrieval runs in a worker thread, generation on the model's worker."""

from __future__ import annotations

import asyncio
import sys
import threading

from ..model.answers import Answer, answer, retrieve
from ..model.backends import BackendError, Cancelled
from ..model.prompts import explain_question
from ..app.progress import progress
from lsprotocol import types as lsp


def _nothing(note: str, question: str = "") -> dict:
    """A result with no answer and no records, only the reason."""
    return Answer(question=question, answer=None, note=note).to_dict()


def first_arg(args) -> object:
    """Clients send `arguments: [x]`; pygls hands the handler either x or [x]."""
    while isinstance(args, (list, tuple)) and len(args) == 1:
        args = args[0]
    return args[0] if isinstance(args, (list, tuple)) and args else args


async def _answer(ls, question: str, symbols: list[str]) -> dict:
    kb, index, max_tokens = ls.kb, ls.index, max(ls.settings.max_tokens, 200)
    backend = await ls.get_backend() if ls.settings.model_backend != "off" else None
    records = await asyncio.to_thread(retrieve, kb, index, question, symbols)
    if backend is None:
        return answer(question, records, None).to_dict()
    cancel = threading.Event()
    try:
        result = await ls.worker.run(lambda: answer(question, records, backend, max_tokens, cancel, index=index),
                                     cancel)
    except Cancelled:
        return _nothing("cancelled", question)
    except BackendError as exc:
        result = answer(question, records, None)
        result.note = f"the model failed ({exc}): the answer is composed from the documentation records"
    return result.to_dict()


async def ask(ls, *args) -> dict:
    """{question} or "question" -> {answer, sources, docs, note}."""
    arg = first_arg(args)
    question = arg.get("question") if isinstance(arg, dict) else arg
    if not isinstance(question, str) or not question.strip():
        return _nothing("ask needs a question")
    return await _answer(ls, question.strip(), [])


def _symbols_in(analysis, start: int, end: int) -> list[str]:
    """PsychoPy symbols that names on 0-based lines [start, end] resolve to, in order of appearance."""
    return list(dict.fromkeys(value.symbol for _node, value in analysis.values_on_lines(start + 1, end + 1)))


async def explain(ls, *args) -> dict:
    """{uri, range} or {uri, diagnostic} -> {answer, sources, docs, note}."""
    arg = first_arg(args)
    if not isinstance(arg, dict) or not isinstance(arg.get("uri"), str):
        return _nothing("explain needs {uri, range} or {uri, diagnostic}")
    snap = ls.snapshot(arg["uri"])
    if snap is None:
        return _nothing(f"unknown document {arg['uri']}")
    diagnostic = arg.get("diagnostic") if isinstance(arg.get("diagnostic"), dict) else None
    rng = (diagnostic or {}).get("range") or arg.get("range") or {}
    try:
        start = int(rng["start"]["line"])
        end = int(rng["end"]["line"])
    except (KeyError, TypeError, ValueError):
        return _nothing("explain needs a range")
    lines = snap.lines.lines
    start, end = max(0, start), min(max(start, end), len(lines) - 1)
    code = "\n".join(lines[start:end + 1])[:1500]
    question = explain_question(code, (diagnostic or {}).get("message", ""))
    return await _answer(ls, question, _symbols_in(snap.analysis, start, end))


def sandbox_args(ls) -> tuple[str, dict]:
    """The interpreter and run_script options a run takes from the server when it starts (a run and the re-run
    that proves a fix use the same)."""
    settings = ls.settings
    python = ls.install.python if ls.install else sys.executable
    return python, dict(timeout_s=settings.run_timeout_s, headless=settings.run_headless,
                        isolation_mode=settings.run_isolation)


async def _ticking(bar, budget_s: float, doing: str, work):
    """Await `work`, reporting the seconds it has run against the time budget every second."""
    task = asyncio.ensure_future(work)
    started = asyncio.get_running_loop().time()
    while not task.done():
        await asyncio.wait({task}, timeout=1.0)
        elapsed = asyncio.get_running_loop().time() - started
        if not task.done():
            bar.report(f"{doing}: {elapsed:.0f} s of {budget_s:.0f} s", min(99, int(100 * elapsed / max(budget_s, 1))))
    return task.result()


async def run_script(ls, *args) -> dict:
    """Run the document in the sandbox; its traceback becomes diagnostics (source psychopy-run) of the version
    that ran, kept only while that version is current."""
    from ..sandbox.repair import prove_rule_fix, runtime_fix
    from ..sandbox.runner import run_script as run, to_diagnostics

    arg = first_arg(args)
    uri = arg.get("uri") if isinstance(arg, dict) else arg
    snap = ls.snapshot(uri)
    if snap is None:
        return {"status": "error", "message": f"unknown or closed document: {uri}"}
    settings = ls.settings
    python, options = sandbox_args(ls)
    fix = proof = None
    async with progress(ls, "Running the experiment", f"headless: {settings.run_headless}", percentage=0) as bar:
        result = await _ticking(bar, settings.run_timeout_s, "running",
                                asyncio.to_thread(run, snap.path, python, source=snap.text, **options))
        bar.end_message = result.status
        source = "\n".join(snap.lines.lines)
        fix = runtime_fix(result.error_type, result.detail, result.line, source, snap.index, result.message) \
            if result.status == "error" else None
        if fix is not None and ls.docs.is_current(snap):
            bar.report(f"{result.error_type}: verifying a fix by running the script again")
            fix, proof = await _ticking(bar, settings.run_timeout_s, "re-running with the fix", asyncio.to_thread(
                prove_rule_fix, result, source, snap.index, lambda fixed: run(snap.path, python, source=fixed,
                                                                              **options)))
            bar.end_message = f"{result.status}; {'a fix, proved by a re-run' if fix else 'no proved fix'}"
    diagnostics = to_diagnostics(result, snap.lines, snap.version)
    if fix is not None:
        for d in diagnostics:
            if d.code == result.error_type:
                d.data = {**d.data, "fixable": True,
                          "runFix": {"title": fix.title, "line": fix.line, "newText": fix.new_text,
                                     "edits": [{"line": l, "newText": t} for l, t in fix.edits()],
                                     "removed": list(fix.removed),
                                     "verified": proof}}
    state = ls.docs.state(snap.uri)
    if state is not None and ls.docs.is_current(snap):
        state.runtime = (snap.generation, diagnostics)
        state.last_run = result
        ls.schedule_diagnostics(snap.uri, delay=0)
    out = result.to_dict()
    out["fix"] = {"title": fix.title, "line": fix.line, "verified": proof} if fix is not None else None
    out["version"] = snap.version  # the version that ran, whatever the document is now
    out["current"] = ls.docs.is_current(snap)
    return out


async def rebuild_kb(ls, *args) -> dict:
    """Rebuild the knowledge base from the installed psychopy (work-done progress); static features keep
    answering from the current index meanwhile."""
    task = ls.start_kb_load(force=True)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        if not task.cancelled():
            raise
    return {"state": ls.kb_status, "rows": ls.kb.rows() if ls.kb is not None else {}}


async def generate(ls, *args) -> dict:
    """{description, uri?, version?, lines?} -> the script and its verification report. With a uri, a verified
    script replaces the description's lines (`lines`: [first, end), 0-based; the whole document when absent)
    through workspace/applyEdit, versioned: an editor whose text changed meanwhile refuses it. An unverified
    script is returned with its reasons and never applied. Cancelling the request stops the generation."""
    from ..generate.pipeline import GenerationCancelled, generate as run_generation
    from ..generate.retrieval import context_for

    arg = first_arg(args)
    arg = arg if isinstance(arg, dict) else {"description": arg}
    description = arg.get("description")
    snap = ls.snapshot(arg["uri"]) if isinstance(arg.get("uri"), str) else None
    if isinstance(arg.get("uri"), str) and snap is None:
        return {"verified": False, "applied": False, "reason": f"unknown or closed document: {arg['uri']}"}
    if not isinstance(description, str) or not description.strip():
        return {"verified": False, "applied": False, "reason": "generate needs a description"}
    settings, index, kb = ls.settings, ls.index, ls.kb
    python, options = sandbox_args(ls)
    backend = await ls.get_backend() if settings.model_backend != "off" else None
    async with progress(ls, "Writing the experiment", "reading the description", percentage=0,
                        cancellable=True) as bar:
        cancel = bar.cancelled  # the progress's Cancel button, or the request's own cancellation below
        try:
            example, api_lines = await asyncio.to_thread(context_for, description, kb, index)
            result = await asyncio.to_thread(
                run_generation, description, index, python, backend, attempts=settings.generate_attempts,
                time_limit_s=settings.generate_time_limit_s, run_timeout_s=min(options["timeout_s"], 15.0),
                isolation_mode=options["isolation_mode"], example=example, api_lines=api_lines,
                fix_samples=settings.fix_samples, cancel=cancel,
                report=bar.reporter())
        except asyncio.CancelledError:  # $/cancelRequest
            cancel.set()  # the worker thread stops at its next step; nothing is applied
            bar.end_message = "cancelled"
            raise
        except GenerationCancelled:  # the progress's Cancel: an answer that says so, nothing applied
            bar.end_message = "cancelled"
            return {"verified": False, "applied": False, "cancelled": True,
                    "reason": "cancelled: nothing was written"}
        bar.end_message = "verified" if result.verified else "not verified"
    out = result.to_dict()
    out["applied"] = False
    if snap is not None and result.verified:
        if not ls.docs.is_current(snap) or arg.get("version") not in (None, snap.version):
            out["reason"] += "; not applied: the document changed while the experiment was written"
        else:
            first, end = (arg.get("lines") or [0, len(snap.lines.lines)])[:2]
            edit = _replace_lines(snap, int(first), int(end), result.code)
            answer = await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(
                edit=edit, label="Write this experiment"))
            out["applied"] = bool(getattr(answer, "applied", False))
    return out


def _replace_lines(snap, first: int, end: int, code: str):
    """A versioned edit replacing 0-based lines [first, end) of `snap` with `code`."""
    lines = snap.lines.lines
    first, end = max(0, first), min(len(lines), max(first, end))
    stop = lsp.Position(line=end, character=0) if end < len(lines) else \
        lsp.Position(line=len(lines) - 1, character=len(lines[-1]))
    text = code if end < len(lines) else code.rstrip("\n") + ("\n" if snap.text.endswith("\n") else "")
    edit = lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=first, character=0), end=stop),
                        new_text=text.replace("\n", snap.newline))
    return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=snap.uri, version=snap.version),
        edits=[edit])])


COMMANDS = {"psychopy.generate": generate, "psychopy.ask": ask, "psychopy.explain": explain, "psychopy.runScript": run_script,
            "psychopy.rebuildKnowledgeBase": rebuild_kb}
