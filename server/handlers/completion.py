"""textDocument/completion: the API's items at once; the model's item only where the API has nothing."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..features.completion import completion
from .inline_completion import model_completion_item

OPTIONS = lsp.CompletionOptions(trigger_characters=[".", "(", ",", "=", "'", '"'])


async def on_completion(ls, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    snap = ls.snapshot(params.text_document.uri) if ls.settings.completion else None
    if snap is None:
        return None
    result = completion(snap, params.position, ls.completion_markdown())
    if ls.wants_model_items() and (result is None or not result.items):
        # only where the API has nothing to offer: an item list is shown at once, the model takes a while
        item = await model_completion_item(ls, snap, params.position)
        if item is not None:
            result = lsp.CompletionList(is_incomplete=True, items=[*(result.items if result else []), item])
    return result
