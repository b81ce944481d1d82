"""textDocument/inlineCompletion (and the model's item in textDocument/completion): takes the snapshot, runs the
completion pipeline (model/completer.py) on the model's worker, cancels it on $/cancelRequest or a newer text,
and drops the result when the snapshot is no longer current."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..documents import Snapshot
from ..model.backends import BackendError, Cancelled
from ..model.completer import Suggestion
from ..model.context import api_context, check_codes_with
from ..model.inline import should_complete


async def suggest_at(ls, snap: Snapshot, pos: lsp.Position) -> Suggestion | None:
    """The model's suggestion for the cursor at `pos` in `snap`; None when nothing should be suggested, the model
    is off, the work was cancelled, or the text changed meanwhile."""
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
    with ls.docs.model_work(snap.uri) as cancel:
        if cancel is None:
            return None
        try:
            suggestion = await ls.worker.run(
                lambda: engine.suggest(before, after, context, check_codes, cancel, doc=snap.uri,
                                       baseline=baseline), cancel)
        except Cancelled:
            return None
        except BackendError as exc:
            ls.report_backend_error(exc)
            return None
    return suggestion if ls.docs.is_current(snap) else None  # else computed for an older text


async def on_inline_completion(ls, params: lsp.InlineCompletionParams) -> lsp.InlineCompletionList | None:
    if not ls.settings.inline_completion:
        return None
    snap = ls.snapshot(params.text_document.uri)
    if snap is None:
        return None
    pos = params.position
    suggestion = await suggest_at(ls, snap, pos)
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
