"""How the answers benchmark (benchmarks/answers.py) and the re-ranker's training (training/rerank.py) judge a
retrieval and an answer against a hand-written question: its targets (records that answer it) and its key facts."""

from __future__ import annotations

import re


def matches(symbol: str, aliases, target: str) -> bool:
    """A target is a dotted suffix of a record's symbol or alias ('.ori': any record whose last part is ori)."""
    suffix = target if target.startswith(".") else "." + target
    return any(("." + name).endswith(suffix) for name in (symbol, *aliases))


def rank_of(records, targets) -> int | None:
    for i, record in enumerate(records, 1):
        if any(matches(record.symbol, record.aliases, t) for t in targets):
            return i
    return None


def states(text: str, facts: list[list[str]]) -> bool:
    low = (text or "").lower()
    return bool(text) and all(any(alt.lower() in low for alt in group) for group in facts)


def cites_target(text: str, sources: list[dict], records, targets) -> bool:
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text or "")}
    return any(1 <= n <= len(records) and any(matches(records[n - 1].symbol, records[n - 1].aliases, t)
                                              for t in targets) for n in cited)
