"""textDocument/inlineCompletion: the model part. Gatekeepers in inline.py; this runs the model off the event loop,
cancels it on $/cancelRequest or on a newer document version, and drops results for an older version."""

from __future__ import annotations

import asyncio
import threading

from lsprotocol import types as lsp

from .backends import Cancelled
from .checker import check
from .inline import build_prompt, postprocess, should_complete, valid_prefix


def api_context(analysis, limit: int = 12) -> list[str]:
    """Signatures of the PsychoPy classes and functions the script's names refer to (stable across edits)."""
    lines, seen = [], set()
    for name in sorted(analysis.module_scope.bindings):
        value = analysis.resolve_name(name, None, analysis.module_scope)
        if value is None or value.kind not in ("class", "function", "instance"):
            continue
        record = analysis.index.lookup(value.symbol)
        if record is None or record.symbol in seen:
            continue
        seen.add(record.symbol)
        lines.append(f"{record.display_name}{record.signature}"[:200])
        if len(lines) >= limit:
            break
    return lines


async def inline_completion(ls, params: lsp.InlineCompletionParams) -> lsp.InlineCompletionList | None:
    if not ls.settings.inline_completion or ls.settings.model_backend == "off":
        return None
    uri = params.text_document.uri
    found = ls.analysis_for(uri)
    if found is None:
        return None
    doc, analysis, lines = found
    version = doc.version
    pos = params.position
    line_text = lines.line(pos.line)
    col = lines.char_col(pos.line, pos.character)
    line_prefix, line_suffix = line_text[:col], line_text[col:]
    if not should_complete(line_prefix, line_suffix):
        return None
    backend = await ls.get_backend()
    if backend is None:
        return None
    before = "\n".join(lines.lines[:pos.line] + [line_prefix])
    after = line_suffix + "\n" + "\n".join(lines.lines[pos.line + 1:])
    budget = max(128, ls.settings.context_size - ls.settings.max_tokens - 16)
    prompt = build_prompt(before, api_context(analysis), budget, lambda text: len(text) // 3 + 1)
    cancel = threading.Event()
    previous = ls.inflight.get(uri)
    if previous is not None:
        previous.set()
    ls.inflight[uri] = cancel

    def run() -> str:
        return "".join(backend.generate(prompt.text, ls.settings.max_tokens, ("\n\n\n",), cancel))

    try:
        raw = await asyncio.to_thread(run)
    except asyncio.CancelledError:
        cancel.set()  # $/cancelRequest: stop llama.cpp mid-prompt
        raise
    except Cancelled:
        return None
    finally:
        if ls.inflight.get(uri) is cancel:
            del ls.inflight[uri]
    current = ls.workspace.text_documents.get(uri)
    if current is None or current.version != version:
        return None  # computed for an older version of the text
    text = postprocess(raw, line_prefix, line_suffix, multiline=True)
    if text:
        def codes(source: str):
            return [(f.span[0], f.code) for f in check(type(analysis)(source, analysis.index))]
        text = await asyncio.to_thread(valid_prefix, before, text, after, codes)
    if not text:
        return None
    return lsp.InlineCompletionList(items=[lsp.InlineCompletionItem(
        insert_text=text, range=lsp.Range(start=pos, end=pos))])
