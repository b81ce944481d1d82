"""Test doubles. FakeBackend answers each prompt with canned text: for unit tests of the pipelines only, never the
only proof of a model feature (the real-model tests run the embedded Gemma)."""

from __future__ import annotations

import threading
from typing import Iterator, Sequence

from psychopy_lsp.server.model.backends import Cancelled


class FakeBackend:
    """Deterministic backend for unit tests: answers each prompt with the first canned reply whose key it
    contains (or the default), token by token (one word at a time)."""

    name = "fake"

    def __init__(self, replies: dict[str, str | list[str]] | None = None, default: str = "",
                 scores: dict[str, float] | None = None):
        self.replies = replies or {}
        self.default = default
        self.scores = scores  # answer substring -> log-probability (others -10); None: the backend cannot score
        self.prompts: list[str] = []
        self.samples: list[int] = []
        self.scored: list[str] = []

    def score(self, prompt: str, answers: Sequence[str], cancel: threading.Event | None = None):
        self.scored.extend(answers)
        if self.scores is None:
            return None
        return [next((v for k, v in self.scores.items() if k in answer), -10.0) for answer in answers]

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + text.count("\n")

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None, sample: int = 0) -> Iterator[str]:
        self.prompts.append(prompt)
        self.samples.append(sample)
        text = next((reply for key, reply in self.replies.items() if key in prompt), self.default)
        if sample and isinstance(text, list):
            text = text[min(sample, len(text) - 1)]  # a list of replies: greedy first, then the sampled ones
        elif isinstance(text, list):
            text = text[0]
        for stop_text in stop:
            if stop_text and stop_text in text:
                text = text[: text.index(stop_text)]
        pieces = text.split(" ")
        for i, piece in enumerate(pieces[:max_tokens]):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            yield piece if i == len(pieces) - 1 else piece + " "


