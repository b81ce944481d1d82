"""One immutable view of one document version: its text, line index, analysis and findings.

Every handler takes the snapshot it needs at its start and answers from it alone, so a result can never mix two
versions of the text, and after an await the handler asks the store whether its snapshot is still the current
one instead of reading the live document. What is derived lazily (the checker's findings, the verified quick
fixes) is computed once under the snapshot's own lock and then shared by every thread that asks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from pygls.uris import to_fs_path

from ..analysis import Analysis, LineIndex
from ..checks import Finding, check

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Snapshot:
    uri: str
    version: int | None
    generation: int  # unique for every text the server has been sent (editors restart versions at 1)
    text: str
    lines: LineIndex
    analysis: Analysis
    _derived: dict = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)  # derived values nest

    @classmethod
    def build(cls, uri: str, version: int | None, generation: int, text: str, index: Any,
              encoding: str = "utf-16") -> "Snapshot":
        return cls(uri, version, generation, text, LineIndex(text, encoding), Analysis(text, index))

    @property
    def index(self) -> Any:
        return self.analysis.index

    @property
    def newline(self) -> str:
        """The document's line ending, so edits keep it (a CRLF file stays CRLF)."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    @property
    def path(self) -> Path:
        """The file the document is (an untitled buffer has none: its URI stands in as a name)."""
        return Path(to_fs_path(self.uri) or self.uri)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once for this snapshot, whichever thread asks first; the others wait for it and share it."""
        with self._lock:
            if key not in self._derived:
                self._derived[key] = compute()
            return self._derived[key]

    def computed(self, key: str) -> object | None:
        """A derived value if some thread already computed it, else None (never computes, never waits)."""
        return self._derived.get(key)

    def findings(self) -> list[Finding]:
        """The checker's findings for this version (computed once: diagnostics, code actions and the inline
        filter share them)."""
        return self.derived("findings", lambda: check(self.analysis))
