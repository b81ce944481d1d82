"""textDocument/inlineCompletion (and model items for textDocument/completion): the event-loop side. Gatekeepers are
in inline.py, the cache/generate/filter pipeline in inline_engine.py; this runs it off the event loop, cancels it on
$/cancelRequest or on a newer document version, and drops results for an older version."""

from __future__ import annotations

import asyncio
import threading
from typing import Callable

from lsprotocol import types as lsp

from .backends import BackendError, Cancelled
from .checker import check
from .inline import should_complete
from .inline_engine import Suggestion


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


def region_api_lines(analysis, start: int, end: int, limit: int = 4, width: int = 160) -> list[str]:
    """Signatures of the PsychoPy symbols used on 0-based lines [start, end) (what a fix prompt needs), most
    specific first; the script's own API context when the region names none (e.g. it does not parse)."""
    lines, seen = [], set()
    for _node, value in analysis.values_on_lines(start + 1, end, calls=True):
        record = analysis.index.lookup(value.symbol)
        if record is None or record.symbol in seen or record.kind == "module":
            continue
        seen.add(record.symbol)
        lines.append(f"{record.display_name}{record.signature}"[:width])
        if len(lines) >= limit:
            break
    return lines or [line[:width] for line in api_context(analysis, limit=3)]


def checker_findings(analysis) -> Callable[[str], list[tuple[int, str, str]]]:
    """(1-based line, code, severity) the static checker reports for a source, against the same API index."""
    def findings(source: str) -> list[tuple[int, str, str]]:
        return [(f.span[0], f.code, f.severity) for f in check(type(analysis)(source, analysis.index))]
    return findings


def check_codes_with(analysis) -> Callable[[str], list[tuple[int, str]]]:
    """(line, code) pairs the static checker reports for a source (what valid_prefix takes)."""
    findings = checker_findings(analysis)

    def codes(source: str) -> list[tuple[int, str]]:
        return [(line, code) for line, code, _ in findings(source)]
    return codes


async def suggest_at(ls, uri: str, pos: lsp.Position) -> tuple[Suggestion | None, int | None]:
    """Run the engine for the cursor at `pos` off the event loop. Returns (suggestion, version computed on);
    (None, None) when nothing should be suggested, the model is off, or the result is stale."""
    found = ls.analysis_for(uri)
    if found is None or ls.settings.model_backend == "off":
        return None, None
    doc, analysis, lines = found
    version = doc.version
    line_text = lines.line(pos.line)
    col = lines.char_col(pos.line, pos.character)
    line_prefix, line_suffix = line_text[:col], line_text[col:]
    if not should_complete(line_prefix, line_suffix):
        return None, None
    engine = await ls.get_engine()
    if engine is None:
        return None, None
    before = "\n".join(lines.lines[:pos.line] + [line_prefix])
    after = line_suffix + "\n" + "\n".join(lines.lines[pos.line + 1:])
    cancel = threading.Event()
    previous = ls.inflight.get(uri)
    if previous is not None:
        previous.set()  # one generation per document: the newer request wins
    ls.inflight[uri] = cancel
    try:
        suggestion = await asyncio.to_thread(engine.suggest, before, after, api_context(analysis),
                                             check_codes_with(analysis), cancel)
    except asyncio.CancelledError:
        cancel.set()  # $/cancelRequest: stop llama.cpp mid-prompt
        raise
    except Cancelled:
        return None, None
    except BackendError as exc:
        ls.report_backend_error(exc)
        return None, None
    finally:
        if ls.inflight.get(uri) is cancel:
            del ls.inflight[uri]
    current = ls.workspace.text_documents.get(uri)
    if current is None or current.version != version:
        return None, None  # computed for an older version of the text
    return suggestion, version


async def inline_completion(ls, params: lsp.InlineCompletionParams) -> lsp.InlineCompletionList | None:
    if not ls.settings.inline_completion:
        return None
    pos = params.position
    suggestion, _ = await suggest_at(ls, params.text_document.uri, pos)
    if suggestion is None or not suggestion.text:
        return None
    return lsp.InlineCompletionList(items=[lsp.InlineCompletionItem(
        insert_text=suggestion.text, range=lsp.Range(start=pos, end=pos))])


async def model_completion_item(ls, params: lsp.CompletionParams) -> lsp.CompletionItem | None:
    """For clients without inline completion: the model's suggestion as one completion item, sorted last."""
    suggestion, _ = await suggest_at(ls, params.text_document.uri, params.position)
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
        text_edit=lsp.TextEdit(range=lsp.Range(start=params.position, end=params.position), new_text=text))
