"""textDocument/inlineCompletion (and the model's item in textDocument/completion): takes the snapshot, runs the
completion pipeline (model/completer.py) on the model's worker, cancels it on a newer text, and drops the result
when the snapshot is no longer current.

While the user types (automatic trigger) the editor waits at most `inlineTimeBudgetMs`: a line the model has not finished by then is not shown, but its
generation goes on in the background (until the next edit cancels it) and lands in the suggestion cache, so the
next request at that cursor is answered at once. A request the user invokes explicitly waits for the line. A
cut-off fragment is never shown."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from ..documents import Snapshot
from ..model.backends import BackendError, Cancelled
from ..model.completer import Suggestion
from ..model.context import api_context, check_codes_with, document_names, static_candidates
from ..model.inline import should_complete


INVOKED_WAIT_S = 30.0  # an explicit request waits for the model (a first one may include loading it)


async def suggest_at(ls, snap: Snapshot, pos: lsp.Position, wait_s: float | None = None) -> Suggestion | None:
    """The model's suggestion for the cursor at `pos` in `snap`; None when nothing should be suggested, the model
    is off, the work was cancelled, the line was not ready within `wait_s` seconds (default: the setting), or the
    text changed meanwhile."""
    if ls.settings.model_backend == "off":
        return None
    lines = snap.lines
    line_text = lines.line(pos.line)
    col = lines.char_col(pos.line, pos.character)
    line_prefix, line_suffix = line_text[:col], line_text[col:]
    if not should_complete(line_prefix, line_suffix):
        return None
    engine = await ls.get_engine()
    if engine is None or not ls.docs.is_current(snap):
        return None
    before = "\n".join(lines.lines[:pos.line] + [line_prefix])
    after = line_suffix + "\n" + "\n".join(lines.lines[pos.line + 1:])
    baseline = [(f.span[0], f.code) for f in snap.findings()]  # the document as it is: computed once per version
    context = api_context(snap.analysis)
    check_codes = check_codes_with(snap.analysis)
    candidates = static_candidates(snap, pos)
    names = document_names(snap.analysis, pos.line + 1)

    async def job() -> Suggestion | None:
        with ls.docs.model_work(snap.uri) as cancel:  # registered until the generation ends, not the request
            if cancel is None:
                return None
            return await ls.worker.run(
                lambda: engine.suggest(before, after, context, check_codes, cancel, doc=snap.uri,
                                       baseline=baseline, candidates=candidates, names=names), cancel)

    task = asyncio.ensure_future(job())
    task.add_done_callback(_consume)
    wait_s = ls.settings.inline_time_budget_ms / 1000 if wait_s is None else wait_s
    done, _ = await asyncio.wait({task}, timeout=wait_s)
    if not done:
        # still generating: it fills the cache for the next request, and the editor is told when it is there (an
        # editor asks again only when the user types; a user waiting on an empty line would never see it)
        task.add_done_callback(lambda t: _ready(ls, snap, pos, t))
        return None
    try:
        suggestion = task.result()
    except Cancelled:
        return None
    except BackendError as exc:
        ls.report_backend_error(exc)
        return None
    if suggestion is None:
        return None
    return suggestion if ls.docs.is_current(snap) else None  # else computed for an older text


def _ready(ls, snap: Snapshot, pos: lsp.Position, task: asyncio.Future) -> None:
    """`psychopy/suggestionReady` {uri, version, position}: a suggestion finished after its request gave up, for
    a text that is still current. The VS Code extension asks again (answered from the cache at once)."""
    if task.cancelled() or task.exception() is not None:
        return
    suggestion = task.result()
    if suggestion is not None and suggestion.text and ls.docs.is_current(snap):
        ls.protocol.notify("psychopy/suggestionReady", {
            "uri": snap.uri, "version": snap.version,
            "position": {"line": pos.line, "character": pos.character}})


def _consume(task: asyncio.Future) -> None:
    """A background generation's failure is reported by the request that waits for it, or by nobody."""
    if not task.cancelled():
        task.exception()


async def warm_start(ls, snap: Snapshot) -> None:
    """After didOpen: process the prompt head of the document on the model's worker, so the first completion
    request on it only processes what differs. Cancelled by the first edit; the model is never loaded for it."""
    if ls.settings.model_backend == "off" or not ls.settings.inline_completion:
        return
    if ls.backend is None and ls.model_loads.running() is None:
        return  # not loaded and not loading: warming is no reason to load a model
    engine = await ls.get_engine()
    if engine is None or not ls.docs.is_current(snap):
        return
    context = api_context(snap.analysis)
    with ls.docs.model_work(snap.uri) as cancel:
        if cancel is None:
            return
        try:
            await ls.worker.run(lambda: engine.warm(snap.text, context, cancel), cancel)
        except (Cancelled, BackendError):
            pass


async def on_inline_completion(ls, params: lsp.InlineCompletionParams) -> lsp.InlineCompletionList | None:
    if not ls.settings.inline_completion:
        return None
    snap = ls.snapshot(params.text_document.uri)
    if snap is None:
        return None
    pos = params.position
    # asked for explicitly (a keybinding): the user waits for the model; as they type: the time budget
    invoked = params.context is not None and params.context.trigger_kind == lsp.InlineCompletionTriggerKind.Invoked
    suggestion = await suggest_at(ls, snap, pos, wait_s=INVOKED_WAIT_S if invoked else None)
    if suggestion is None or not suggestion.text:
        return None
    return lsp.InlineCompletionList(items=[lsp.InlineCompletionItem(
        insert_text=suggestion.text, range=lsp.Range(start=pos, end=pos))])


async def model_completion_item(ls, snap: Snapshot, position: lsp.Position) -> lsp.CompletionItem | None:
    """For clients without inline completion: the model's suggestion as one completion item, sorted last."""
    suggestion = await suggest_at(ls, snap, position)
    if suggestion is None or not suggestion.text.strip():
        return None
    text = suggestion.text
    first = text.strip().split("\n", 1)[0]
    return lsp.CompletionItem(
        label=first[:60] + ("…" if len(first) > 60 or "\n" in text.strip() else ""),
        kind=lsp.CompletionItemKind.Snippet,
        detail="PsychoPy model suggestion",
        sort_text="~model",  # after every API item
        filter_text=first,
        insert_text=text,
        insert_text_format=lsp.InsertTextFormat.PlainText,
        text_edit=lsp.TextEdit(range=lsp.Range(start=position, end=position), new_text=text))
