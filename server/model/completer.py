"""The model half of a completion, shared by textDocument/inlineCompletion, model items in textDocument/completion
and the benchmarks: build_prompt -> cache lookup (keyed on what the model sees) -> generation of one whole line ->
postprocess -> filters. It runs on the model's worker thread; the handler owns the event-loop side (how long the
editor waits, cancel, snapshots).

Filters, in order (each counted in Suggestion.dropped when it removes the line):
- unfinished: the token limit came before the line's end (never a fragment);
- constraint: after `stim.`, inside a call, after `units='` the line must start with what the API offers there;
  an invented member, keyword or value is replaced by the closest real one and the model continues from it;
- repeat: the line is the one right below the cursor;
- checker: the static checker flags the line (an invented keyword, method or module member).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
import threading
import time
from dataclasses import dataclass
from typing import Callable, Sequence

from .backends import ModelBackend
from .inline import (PREFIX_TOKENS, SUFFIX_TOKENS, Prompt, build_prompt, constrain, postprocess, prefix_prompt,
                     repeats_below, valid_prefix)
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
    dropped: str = ""  # the filter that removed the line: unfinished, constraint, repeat, checker
    replaced: str = ""  # the name the constraint put in place of an invented one


class InlineEngine:
    """`prompt_format` "fim" is the server's; "prefix" rebuilds the first release's prefix-only prompt (for the
    benchmark's baseline of the adapter trained on it)."""

    def __init__(self, backend: ModelBackend, max_tokens: int = 48, prefix_tokens: int = PREFIX_TOKENS,
                 suffix_tokens: int = SUFFIX_TOKENS, cache: SuggestionCache | None = None,
                 prompt_format: str = "fim"):
        self.backend = backend
        self.max_tokens = max_tokens
        self.prefix_tokens = prefix_tokens
        self.suffix_tokens = suffix_tokens
        self.prompt_format = prompt_format
        self.cache = cache if cache is not None else SuggestionCache()
        # lines repeat across requests (the whole document around the cursor): count each one once
        self.count_tokens = functools.lru_cache(maxsize=16384)(backend.count_tokens)
        # the checker's verdicts on whole documents: typing along a suggestion rebuilds the very text it was
        # judged on (typed part + cached rest), so it is not analysed again (80 ms on a 1,900-line script)
        self._checked: OrderedDict[tuple[int, str], list[tuple[int, str]]] = OrderedDict()

    def _check(self, check_codes: CheckCodes) -> CheckCodes:
        index = id(getattr(check_codes, "index", check_codes))  # a new API index judges anew

        def codes(source: str) -> list[tuple[int, str]]:
            found = self._checked.get((index, source))
            if found is None:
                found = self._checked[(index, source)] = check_codes(source)
                while len(self._checked) > 8:
                    self._checked.popitem(last=False)
            return found
        return codes

    def prompt(self, before: str, after: str, api_lines: Sequence[str]) -> Prompt:
        if self.prompt_format == "prefix":
            return prefix_prompt(before, api_lines, self.prefix_tokens, self.count_tokens)
        return build_prompt(before, after, api_lines, self.count_tokens, self.prefix_tokens, self.suffix_tokens)

    def warm(self, text: str, api_lines: Sequence[str], cancel: threading.Event | None = None) -> None:
        """Process the prompt for a cursor at the end of `text` (a document just opened): every later prompt on
        this document shares its head, so the first request only processes what differs."""
        prompt = self.prompt(text, "", api_lines)
        for _ in self.backend.generate(prompt.text, 1, (), cancel):
            pass

    def _line(self, prompt_text: str, cancel: threading.Event | None) -> tuple[str, bool, float | None]:
        """One generation to the end of the line: (text, finished, seconds to the first piece)."""
        started = time.perf_counter()
        pieces: list[str] = []
        first = None
        stream = self.backend.generate(prompt_text, self.max_tokens, ("\n",), cancel)
        try:
            for piece in stream:
                if first is None:
                    first = time.perf_counter() - started
                pieces.append(piece)
                if "\n" in piece:
                    break
        finally:
            stream.close()
        text = "".join(pieces)
        # a stream that ended before its token limit stopped at the line's end (or the end of the text)
        finished = "\n" in text or len(pieces) < self.max_tokens
        return text.split("\n", 1)[0], finished, first

    def suggest(self, before: str, after: str, api_lines: Sequence[str], check_codes: CheckCodes,
                cancel: threading.Event | None = None, use_cache: bool = True, doc: str = "",
                baseline: list[tuple[int, str]] | None = None, candidates: Sequence[str] = (),
                names: Sequence[str] = ()) -> Suggestion:
        """Raises backends.Cancelled when `cancel` is set meanwhile. `doc` keys the cache; `baseline` is what the
        checker reports for before + after (the snapshot's findings); `candidates` the static completion's labels
        at the cursor, `names` the names the document defines (constrain())."""
        started = time.perf_counter()
        line_prefix = before.rsplit("\n", 1)[-1]
        line_suffix = after.split("\n", 1)[0]
        prompt = self.prompt(before, after, api_lines)
        raw = self.cache.get(before, doc, prompt.suffix) if use_cache else None
        cached = raw is not None
        first_token_s = None
        replaced = ""
        finished = True
        if raw is None:
            raw, finished, first_token_s = self._line(prompt.text, cancel)
            if finished and raw.strip():
                rule = constrain(line_prefix, raw, candidates, names)
                if rule.verdict == "replace":
                    rest, finished, _ = self._line(prompt.text + rule.start, cancel)
                    raw, replaced = rule.start + rest, rule.start
                elif rule.verdict == "drop":
                    return self._result("", raw, False, first_token_s, started, "constraint")
            if use_cache and finished:
                self.cache.put(before, raw, doc, prompt.suffix)
        elif candidates or names:  # a cached line was judged when it was made; a forward remainder is judged anew
            if constrain(line_prefix, raw, candidates, names).verdict != "ok":
                return self._result("", raw, True, None, started, "constraint")
        text = postprocess(raw, line_prefix, line_suffix, finished)
        if not text:
            return self._result("", raw, cached, first_token_s, started, "unfinished" if not finished else "")
        if repeats_below(line_prefix, text, after):
            return self._result("", raw, cached, first_token_s, started, "repeat")
        kept = valid_prefix(before, text, after, self._check(check_codes), baseline=baseline)
        if kept != text:
            return self._result("", raw, cached, first_token_s, started, "checker", filtered=True)
        result = self._result(text, raw, cached, first_token_s, started, "")
        result.replaced = replaced
        return result

    @staticmethod
    def _result(text: str, raw: str, cached: bool, first: float | None, started: float, dropped: str,
                filtered: bool = False) -> Suggestion:
        return Suggestion(text=text, raw=raw, cached=cached, filtered=filtered, first_token_s=first,
                          total_s=time.perf_counter() - started, dropped=dropped)
