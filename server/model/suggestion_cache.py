"""An LRU cache of raw model completions for textDocument/inlineCompletion, keyed on what the model saw: the
document, the text after the cursor that went into the prompt (`context`), and the text before the cursor.

Forward entries: when the user types along a suggestion, the new prefix is the old prefix plus the start of the
old completion (and the text after the cursor is unchanged), so the rest of that completion is still the answer;
`get` finds it without running the model. Entries keep the raw model text (postprocessing depends on the cursor's
line), so whatever is returned still goes through postprocess and the filters. Closing a document drops its
entries.
"""

from __future__ import annotations

from collections import OrderedDict


class SuggestionCache:
    def __init__(self, capacity: int = 64, lookback: int = 256):
        self.capacity = capacity
        # forward lookups only consider entries whose key is a prefix of the new text within `lookback`
        # characters: typing along a suggestion never adds more than one suggestion's worth of text
        self.lookback = lookback
        self._entries: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, prefix: str, completion: str, doc: str = "", context: str = "") -> None:
        if not completion:
            return
        key = (doc, context, prefix)
        self._entries[key] = completion
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def get(self, prefix: str, doc: str = "", context: str = "") -> str | None:
        """The completion for `prefix` with `context` after the cursor: an exact entry, or the remainder of an
        entry the user has typed into."""
        exact = self._entries.get((doc, context, prefix))
        if exact is not None:
            self._entries.move_to_end((doc, context, prefix))
            self.hits += 1
            return exact
        for key in reversed(self._entries):  # most recent first
            key_doc, key_context, key_prefix = key
            if key_doc != doc or key_context != context or len(key_prefix) >= len(prefix) \
                    or len(prefix) - len(key_prefix) > self.lookback or not prefix.startswith(key_prefix):
                continue
            typed = prefix[len(key_prefix):]
            completion = self._entries[key]
            if completion.startswith(typed) and len(completion) > len(typed):
                self._entries.move_to_end(key)
                self.hits += 1
                return completion[len(typed):]
        self.misses += 1
        return None

    def drop(self, doc: str) -> None:
        """Forget every entry of one document (it was closed)."""
        for key in [k for k in self._entries if k[0] == doc]:
            del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()
