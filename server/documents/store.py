"""The open documents, as the server holds them: per URI the newest snapshot (built on first use), the results of
a run of the script, the pending diagnostics task and the model work in flight.

Every didOpen and didChange gives the document a new generation (a global counter, so a document closed and
reopened at version 1 never matches anything computed before); every didClose drops all the server holds for
it. Results computed for a snapshot are kept or published only while `is_current(snapshot)`.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from .snapshot import Snapshot

_generations = itertools.count(1)


@dataclass
class DocumentState:
    generation: int
    snapshot: Snapshot | None = None
    runtime: tuple[int, list] | None = None  # (generation, psychopy-run diagnostics) of the last run
    last_run: object | None = None  # that run's RunResult (what a runtime fix is re-run against)
    pending: asyncio.Task | None = None  # the debounced diagnostics run
    inflight: set[threading.Event] = field(default_factory=set)  # cancel events of model work for this text


class DocumentStore:
    def __init__(self) -> None:
        self._docs: dict[str, DocumentState] = {}

    def __contains__(self, uri: str) -> bool:
        return uri in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def uris(self) -> list[str]:
        return list(self._docs)

    def state(self, uri: str) -> DocumentState | None:
        return self._docs.get(uri)

    def changed(self, uri: str) -> DocumentState:
        """didOpen / didChange: a new text. Model work for the old text is cancelled; its run results dropped."""
        state = self._docs.get(uri)
        if state is None:
            state = self._docs[uri] = DocumentState(next(_generations))
        else:
            self._cancel_inflight(state)
            state.generation = next(_generations)
            state.snapshot = None
            state.runtime = None
            state.last_run = None
        return state

    def closed(self, uri: str) -> None:
        """didClose: nothing held for the document survives (snapshot, run results, pending work)."""
        state = self._docs.pop(uri, None)
        if state is None:
            return
        self._cancel_inflight(state)
        if state.pending is not None:
            state.pending.cancel()

    def snapshot(self, uri: str, text_document: Any, index: Any, encoding: str) -> Snapshot | None:
        """The current snapshot of an open document, built from pygls's text document on first use (and again
        when the API index changed); None for a document that is not open."""
        state = self._docs.get(uri)
        if state is None or text_document is None:
            return None
        snap = state.snapshot
        if snap is None or snap.index is not index:
            snap = Snapshot.build(uri, text_document.version, state.generation, text_document.source, index,
                                  encoding)
            state.snapshot = snap
        return snap

    def is_current(self, snapshot: Snapshot) -> bool:
        """Whether the document still has the text `snapshot` was made from (open, no edit since)."""
        state = self._docs.get(snapshot.uri)
        return state is not None and state.generation == snapshot.generation

    @contextmanager
    def model_work(self, uri: str) -> Iterator[threading.Event | None]:
        """A cancel event for model work on the document's current text, set by the next edit or the close;
        None when the document is not open (then there is nothing to work on)."""
        state = self._docs.get(uri)
        if state is None:
            yield None
            return
        cancel = threading.Event()
        state.inflight.add(cancel)
        try:
            yield cancel
        finally:
            state.inflight.discard(cancel)

    def cancel_all(self) -> None:
        for state in self._docs.values():
            self._cancel_inflight(state)

    @staticmethod
    def _cancel_inflight(state: DocumentState) -> None:
        for event in state.inflight:
            event.set()
        state.inflight.clear()
