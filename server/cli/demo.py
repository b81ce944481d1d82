"""`psychopy-lsp demo`: a real LSP session over stdio against a sample experiment, printing what an editor shows.

The client here is pygls's LanguageClient talking to a `psychopy-lsp` subprocess, exactly as VS Code or Neovim
would: initialize (with work-done progress), open the document, wait for diagnostics, hover, complete, ask for
a quick fix, apply it, and wait for the diagnostic to go away; then run a Keyboard task in the sandbox and apply
the fix its re-run proved, write an experiment from a description, and ask the docs a question.
"""

from __future__ import annotations

import asyncio
import textwrap
import sys
import time
from collections import deque
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

SAMPLE = Path(__file__).parent.parent / "samples" / "stroop.py"
RUN_SAMPLE = SAMPLE.with_name("rt_keyboard.py")
KB_TIMEOUT_S = 120  # the API index is ready seconds after start; the search index may take a minute more


SEVERITY = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning",
            lsp.DiagnosticSeverity.Information: "info", lsp.DiagnosticSeverity.Hint: "hint"}


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply TextEdits (UTF-16 positions) to text, last first so earlier offsets stay valid."""
    from ..analysis.positions import LineIndex, line_starts

    lines = LineIndex(text)
    starts = line_starts(text) + [len(text) + 1]  # a position past the last line clamps to the end

    def offset(pos: lsp.Position) -> int:
        return starts[min(pos.line, len(lines.lines))] + lines.char_col(pos.line, pos.character)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def position_of(text: str, needle: str, after: int = 0) -> lsp.Position:
    """LSP position (UTF-16 columns) of `needle` in `text`, plus `after` characters."""
    index = text.index(needle) + after
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return lsp.Position(line=line, character=len(text[line_start:index].encode("utf-16-le")) // 2)


class DemoClient(LanguageClient):
    def __init__(self) -> None:
        super().__init__("psychopy-lsp-demo", "1")
        self.diagnostics: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.diag_event = asyncio.Event()
        self.status: dict = {}
        self.index_ready = asyncio.Event()
        self.published_before_index: dict[str, int] = {}
        self.search_ready = asyncio.Event()


async def session(path: Path, kb_dir: str | None, python: str | None, out=print) -> int:
    client = DemoClient()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics.setdefault(params.uri, []).append(params)
        client.diag_event.set()

    @client.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def on_progress_create(params: lsp.WorkDoneProgressCreateParams) -> None:
        return None

    last_report = [0.0]

    @client.feature(lsp.PROGRESS)
    def on_progress(params: lsp.ProgressParams) -> None:
        value = params.value
        kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", "")
        message = value.get("message") if isinstance(value, dict) else getattr(value, "message", "")
        now = time.monotonic()
        if kind != "report" or now - last_report[0] > 5:
            last_report[0] = now
            out(f"  [progress] {kind}: {message or ''}")

    @client.feature("psychopy/status")
    def on_status(params) -> None:
        # pygls hands custom notifications over as namedtuples
        status = params if isinstance(params, dict) else params._asdict()
        client.status = status
        out(f"  [status] {status.get('state')} {status.get('detail') or ''}".rstrip())
        if (status.get("index") or status.get("state") == "error") and not client.index_ready.is_set():
            # publications so far were computed without the API (syntax errors only); the server republishes
            # after this notification. Marked here, in notification order, not when the waiting task resumes.
            client.published_before_index = {u: len(p) for u, p in client.diagnostics.items()}
            client.index_ready.set()
        if status.get("state") in ("ready", "error"):
            client.search_ready.set()

    @client.feature(lsp.WINDOW_SHOW_MESSAGE)
    def on_message(params: lsp.ShowMessageParams) -> None:
        out(f"  [message] {params.message}")

    await client.start_io(sys.executable, "-m", "psychopy_lsp.server.cli")
    # pygls gives the server a stderr pipe and never reads it: a server that logs more than the pipe holds
    # (64 KB) would block. Drain it, as an editor does into its log.
    stderr_tail: deque[bytes] = deque(maxlen=10)

    async def drain() -> None:
        while line := await client._server.stderr.readline():
            stderr_tail.append(line)
    drainer = asyncio.ensure_future(drain())
    # the sandbox run is headless (its emulated participant types into the private display, never yours)
    options = {"runHeadless": "always", "runTimeoutS": 40}
    if kb_dir:
        options["kbDir"] = kb_dir
    if python:
        options["psychopyPython"] = python
    caps = lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True))
    result = await client.initialize_async(lsp.InitializeParams(
        process_id=None, capabilities=caps, initialization_options=options, root_uri=path.parent.as_uri()))
    out(f"== initialized {result.server_info.name} {result.server_info.version}")
    client.initialized(lsp.InitializedParams())

    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))

    async def diagnostics_for(version: int, after: int = 0) -> list[lsp.Diagnostic]:
        return await diagnostics_for_uri(uri, version, after)

    async def diagnostics_for_uri(doc: str, version: int, after: int = 0) -> list[lsp.Diagnostic]:
        deadline = time.monotonic() + KB_TIMEOUT_S
        while time.monotonic() < deadline:
            for published in reversed(client.diagnostics.get(doc, [])[after:]):
                if published.version == version:
                    return published.diagnostics
            client.diag_event.clear()
            try:
                await asyncio.wait_for(client.diag_event.wait(), timeout=deadline - time.monotonic())
            except asyncio.TimeoutError:
                break
        log = b"".join(stderr_tail).decode("utf-8", "replace")
        raise TimeoutError(f"no diagnostics from the server; its last log lines:\n{log}")

    out(f"== opened {path.name}; waiting for the PsychoPy API (the knowledge base builds on first start)")
    await asyncio.wait_for(client.index_ready.wait(), KB_TIMEOUT_S)
    diagnostics = await diagnostics_for(1, after=client.published_before_index.get(uri, 0))
    out(f"== diagnostics ({len(diagnostics)})")
    for d in diagnostics:
        sev = SEVERITY[d.severity]
        out(f"  {path.name}:{d.range.start.line + 1}:{d.range.start.character + 1}: {sev} [{d.code}] {d.message}")

    for needle, after, label in [("visual.TextStim(win, text=\"\"", 8, "TextStim"),
                                 ("colour=", 1, "the keyword `colour`"),
                                 ("height=60", 1, "the keyword `height`")]:
        pos = position_of(text, needle, after)
        result = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
        out(f"== hover over {label} (line {pos.line + 1})")
        body = result.contents.value if result else "(nothing)"
        for line in body.splitlines()[:14]:
            out(f"  | {line[:160]}")

    pos = position_of(text, "visual.TextStim(win, text=\"+\", ", len("visual.TextStim(win, text=\"+\", "))
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
    items = result.items if isinstance(result, lsp.CompletionList) else (result or [])
    out(f"== completion inside TextStim(...) (line {pos.line + 1}): {len(items)} keyword arguments")
    for item in items[:8]:
        out(f"  {item.label:<14} {item.detail or ''}")

    version = 1
    for _ in range(12):
        # diagnostics are re-read after each fix: a fix is only offered for the version it was computed on
        fixable = [d for d in diagnostics if isinstance(d.data, dict) and d.data.get("fixable")]
        if not fixable:
            break
        target = fixable[0]
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=target.range,
            context=lsp.CodeActionContext(diagnostics=[target])))
        action = next((a for a in actions or [] if a.edit is not None), None)  # (not the model's, unresolved)
        if action is None:
            out(f"== no quick fix offered for [{target.code}]")
            break
        if str(target.code).startswith("PSY3"):
            # what a timing finding means, on hover (the mechanism, from PsychoPy's docs)
            result = await client.text_document_hover_async(lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=target.range.start))
            out(f"== hover over the timing finding [{target.code}] (line {target.range.start.line + 1})")
            first = (result.contents.value if result else "(nothing)").split("\n\n---")[0]
            for line in textwrap.wrap(first, 116)[:5]:
                out(f"  | {line}")
        edits = action.edit.document_changes[0].edits
        new_text = apply_edits(text, edits)
        changed = [(i + 1, a, b) for i, (a, b) in enumerate(zip(text.splitlines(), new_text.splitlines())) if a != b]
        out(f"== quick fix for [{target.code}] line {target.range.start.line + 1}: {action.title}")
        for lineno, before, after in changed[:2]:
            out(f"  - {lineno}: {before.strip()}")
            out(f"  + {lineno}: {after.strip()}")
        text, version = new_text, version + 1
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        after = await diagnostics_for(version)
        for d in after:
            if (d.code, d.message) not in {(b.code, b.message) for b in diagnostics}:
                out(f"  new: {path.name}:{d.range.start.line + 1}: {SEVERITY[d.severity]} [{d.code}] {d.message}")
        still = [d for d in after if d.code == target.code and d.range.start.line == target.range.start.line]
        out(f"  diagnostics now {len(after)} (was {len(diagnostics)}); [{target.code}] on that line "
            f"{'is still there' if still else 'is gone'}")
        diagnostics = after

    await inline_completion(client, uri, text, version, out)
    await sandbox_run(client, diagnostics_for_uri, out)
    await generate_experiment(client, out)

    if client.status.get("state") == "building":
        out("== waiting for the search index to finish (first start only)")
        await asyncio.wait_for(client.search_ready.wait(), 900)
    await ask_docs(client, out)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    drainer.cancel()
    out("== done")
    return 0


GENERATE_EXAMPLE = ("A visual search task: the target is a red T among 8 green Ls, shown for 2 seconds. Press 'p' if "
                    "the target is present and 'a' if it is absent. 12 trials.")


async def generate_experiment(client, out) -> None:
    """psychopy.generate on the README's example: the script, written and verified by running it headless."""
    out(f"== write this experiment (psychopy.generate): {GENERATE_EXAMPLE}")
    result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.generate", arguments=[{"description": GENERATE_EXAMPLE}]))
    out(f"  {'VERIFIED' if result['verified'] else 'NOT VERIFIED'} in {result['seconds']:.0f} s: {result['reason']}")
    for note in result["model"]:
        out(f"  model: {note}")
    for line in result["code"].splitlines():
        if line.startswith(("N_TRIALS", "KEYS", "STIMULUS", "target =", "distractor")) or "'correct'" in line:
            out(f"  | {line[:116]}")


ASK_EXAMPLE = "How do I make the window cover the whole screen?"


async def ask_docs(client, out) -> None:
    """psychopy.ask: an answer from the knowledge base, checked, with the records it cites."""
    out(f"== ask the docs (psychopy.ask): {ASK_EXAMPLE}")
    result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.ask", arguments=[{"question": ASK_EXAMPLE}]))
    who = f"the model ({result['model']})" if result["model"] else "composed from the records"
    out(f"  answer, {who}: " + textwrap.shorten(result["answer"] or "(none)", 300))
    if result["note"]:
        out(f"  note: {result['note']}")
    for source in result["sources"]:
        out(f"  [{source['n']}] {source['title']} ({source['source']}: {source['path']}:{source['line']})")


async def sandbox_run(client, diagnostics_for_uri, out) -> None:
    """A Keyboard reaction-time task run in the sandbox (psychopy.runScript): the emulated participant's answers
    and their RTs, a press between trials the script scores as an answer, dropped frames, and the KeyError's fix,
    offered because re-running the fixed script proved it; applied, and run again."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="psychopy-lsp-demo-"))
    path = folder / RUN_SAMPLE.name
    shutil.copyfile(RUN_SAMPLE, path)
    text, uri = path.read_text(), path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="python", version=1, text=text)))
    static = await diagnostics_for_uri(uri, 1)
    out(f"== opened {path.name}: {len(static)} static findings, e.g. "
        + "; ".join(f"{d.range.start.line + 1}: [{d.code}]" for d in static[:3]))

    async def run(version: int) -> tuple[dict, list[lsp.Diagnostic]]:
        seen = len(client.diagnostics.get(uri, []))
        result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
            command="psychopy.runScript", arguments=[uri]))
        diagnostics = await diagnostics_for_uri(uri, version, after=seen)
        answers = [p for p in result["presses"] if p["kind"] == "answer"]
        out(f"== run in the sandbox (psychopy.runScript, version {version}): {result['status']} after "
            f"{result['duration_s']:.1f} s, {'headless' if result['headless'] else 'on the display'}, keyboard "
            f"backend {result['keyboard_backend'] or '(none)'}; not enforced here: "
            f"{'; '.join(result['not_enforced']) or 'nothing'}")
        out(f"  emulated participant: {len(answers)} answers ("
            + ", ".join(f"{p['key']} {p['rt'] * 1000:.0f} ms" for p in answers[:4])
            + f"), {len(result['presses']) - len(answers)} press between trials; {result['flips']} flips")
        for d in diagnostics:
            if d.source == "psychopy-run":
                out(f"  {path.name}:{d.range.start.line + 1}: {SEVERITY[d.severity]} [{d.code}] {d.message}")
        return result, diagnostics

    result, diagnostics = await run(1)
    error = next((d for d in diagnostics if d.source == "psychopy-run" and d.code == result["error_type"]), None)
    if error is None:
        return
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=error.range,
        context=lsp.CodeActionContext(diagnostics=[error])))
    proved = next((a for a in actions or [] if a.edit is not None and "re-run" in a.title), None)
    if proved is None:
        out(f"== no fix proved for [{error.code}]")
        return
    edit = proved.edit.document_changes[0].edits[0]
    out(f"== quick fix for [{error.code}] line {error.range.start.line + 1}: {proved.title}")
    out(f"  {proved.data.get('verified', '')}")
    new_text = apply_edits(text, [edit])
    for lineno, (a, b) in enumerate(zip(text.splitlines(), new_text.splitlines()), 1):
        if a != b:
            out(f"  - {lineno}: {a.strip()}")
            out(f"  + {lineno}: {b.strip()}")
    path.write_text(new_text)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=new_text)]))
    await diagnostics_for_uri(uri, 2)
    await run(2)
    shutil.rmtree(folder, ignore_errors=True)


async def inline_completion(client, uri: str, text: str, version: int, out) -> None:
    """The model's inline completion: a new line typed inside the trial loop, asked for explicitly (the first
    request loads the model), then typed along (the suggestion cache answers without the model)."""
    lines = text.split("\n")
    anchor = next((i for i, line in enumerate(lines) if line.strip() == "word.draw()"), None)
    if anchor is None:
        return
    typed = "    feedback."
    new_lines = lines[:anchor + 1] + [typed] + lines[anchor + 1:]
    version += 1
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="\n".join(new_lines))]))

    async def ask(column: int, trigger: lsp.InlineCompletionTriggerKind) -> tuple[str, float]:
        started = time.perf_counter()
        result = await client.text_document_inline_completion_async(lsp.InlineCompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(anchor + 1, column),
            context=lsp.InlineCompletionContext(trigger_kind=trigger)))
        text = result.items[0].insert_text if result and result.items else ""
        return text, (time.perf_counter() - started) * 1000

    suggestion, ms = await ask(len(typed), lsp.InlineCompletionTriggerKind.Invoked)
    out(f"== inline completion by the model (line {anchor + 2}, after `{typed.strip()}`), asked for: "
        f"{ms:.0f} ms (the first request loads the model)")
    if not suggestion:
        out("  (no suggestion: the model's line did not pass the filters)")
        return
    out(f"  {typed}\u2502{suggestion}")
    along = suggestion[:2]
    new_lines[anchor + 1] = typed + along
    version += 1
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="\n".join(new_lines))]))
    rest, ms = await ask(len(typed) + len(along), lsp.InlineCompletionTriggerKind.Automatic)
    out(f"  typed `{along}` along it: {ms:.0f} ms, suggestion now `{rest}` (from the suggestion cache)")


def run_demo(args) -> int:
    path = Path(args.file) if getattr(args, "file", None) else SAMPLE
    return asyncio.run(session(path, getattr(args, "kb_dir", None), getattr(args, "python", None)))
