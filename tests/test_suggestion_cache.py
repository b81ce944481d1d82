"""The suggestion cache (server/suggestion_cache.py): exact hits, forward entries when typing along, LRU eviction."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.model.suggestion_cache import SuggestionCache

BEFORE = "stim = visual.TextStim("

CASES = [
    (BEFORE, "win, text='hi')"),  # the same prefix again: the whole completion
    (BEFORE + "w", "in, text='hi')"),  # one character typed along the suggestion: the rest of it
    (BEFORE + "win, text=", "'hi')"),  # several characters typed along
    (BEFORE + "x", None),  # typed something the suggestion did not say: a miss
    (BEFORE + "win, text='hi')", None),  # typed all of it: nothing left to suggest
    ("stim = visual.TextStim", None),  # deleted a character: the old entry says nothing about this prefix
]


@pytest.mark.parametrize("prefix,expected", CASES)
def test_exact_and_forward_lookups(prefix, expected):
    cache = SuggestionCache()
    cache.put(BEFORE, "win, text='hi')")
    assert cache.get(prefix) == expected


def test_most_recent_entry_wins_and_capacity_is_bounded():
    cache = SuggestionCache(capacity=3)
    cache.put("a", "bc")
    cache.put("ab", "XY")  # newer and longer: typing "ab" follows this one
    assert cache.get("ab") == "XY"
    assert cache.get("abX") == "Y"
    for i in range(5):
        cache.put(f"k{i}", "v")
    assert len(cache) == 3 and cache.get("a") is None  # evicted, least recently used first


def test_empty_completions_are_not_stored():
    cache = SuggestionCache()
    cache.put("x = ", "")
    assert cache.get("x = ") is None and len(cache) == 0


def test_lookback_limits_forward_search():
    cache = SuggestionCache(lookback=4)
    cache.put("p", "abcdefgh")
    assert cache.get("pabc") == "defgh"  # 3 characters typed: within the lookback
    assert cache.get("pabcdef") is None  # 6 typed: beyond it, not considered
