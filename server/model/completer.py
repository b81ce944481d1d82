"""The model half of a completion, shared by textDocument/inlineCompletion, model items in textDocument/completion
and benchmarks/completion.py: cache lookup -> build_prompt -> generation with a time budget -> postprocess ->
API-validity filter. It runs on the model's worker thread; the handlers own the event-loop side (cancel,
snapshots).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

from .backends import ModelBackend
from .inline import build_prompt, postprocess, valid_prefix
from .suggestion_cache import SuggestionCache

CheckCodes = Callable[[str], list[tuple[int, str]]]


@dataclass
class Suggestion:
    text: str  # what to show; "" for nothing
    raw: str  # the model's text before postprocessing
    cached: bool  # served from the suggestion cache, no model run
    filtered: bool  # the API-validity filter cut something the checker flags
    first_token_s: float | None  # time to the first generated piece (None when cached)
    total_s: float


def block_mode(line_prefix: str) -> bool:
    """Several lines are worth suggesting on an empty line or after a block opener; otherwise finish the line."""
    stripped = line_prefix.strip()
    return not stripped or stripped.endswith(":")


class InlineEngine:
    def __init__(self, backend: ModelBackend, max_tokens: int = 64, context_size: int = 2048,
                 time_budget_s: float = 0.6, cache: SuggestionCache | None = None):
        self.backend = backend
        self.max_tokens = max_tokens
        self.context_size = context_size
        self.time_budget_s = time_budget_s
        self.cache = cache if cache is not None else SuggestionCache()

    def suggest(self, before: str, after: str, api_lines: list[str], check_codes: CheckCodes,
                cancel: threading.Event | None = None, use_cache: bool = True, doc: str = "",
                baseline: list[tuple[int, str]] | None = None) -> Suggestion:
        """Raises backends.Cancelled when `cancel` is set meanwhile. `doc` keys the cache (one document's
        suggestions are never another's); `baseline` is what the checker reports for before + after (the
        snapshot's findings), so the filter need not check the document as it is once more."""
        started = time.perf_counter()
        line_prefix = before.rsplit("\n", 1)[-1]
        line_suffix = after.split("\n", 1)[0]
        multiline = block_mode(line_prefix)
        raw = self.cache.get(before, doc) if use_cache else None
        cached = raw is not None
        first_token_s = None
        if raw is None:
            budget = max(128, self.context_size - self.max_tokens - 16)
            prompt = build_prompt(before, api_lines, budget, self.backend.count_tokens)
            pieces: list[str] = []
            stream = self.backend.generate(prompt.text, self.max_tokens, ("\n\n\n",) if multiline else ("\n",),
                                           cancel)
            try:
                for piece in stream:
                    if first_token_s is None:
                        first_token_s = time.perf_counter() - started
                    pieces.append(piece)
                    if time.perf_counter() - started > self.time_budget_s:
                        break  # show what there is; the cache keeps it for typing along
            finally:
                stream.close()
            raw = "".join(pieces)
            if use_cache:
                self.cache.put(before, raw, doc)
        text = postprocess(raw, line_prefix, line_suffix, multiline=multiline)
        filtered = False
        if text:
            kept = valid_prefix(before, text, after, check_codes, baseline=baseline)
            filtered = kept != text
            text = kept
        return Suggestion(text=text, raw=raw, cached=cached, filtered=filtered, first_token_s=first_token_s,
                          total_s=time.perf_counter() - started)
