"""A learned re-ranker over the search's candidates (issue 17).

The hybrid search fuses full-text and vector ranks by reciprocal rank and multiplies a hand-set prior
(store.prior); the right entry is often among the first 20 candidates but not the first 3: the class is found
("staircase" -> StairHandler) and its member is not (nReversals at 12th). This scores every candidate with a
linear model over features a person would weigh: how close the record's vector is to the question's (the fused
rank throws the magnitude away), how many of the question's words the record's name and doc use (prefix-matched:
"staircase" meets `StairHandler`), whether its owner class is itself a strong candidate, what kind of entry it is.

Pure: `features()` and `score()` read only their arguments; the weights are a small JSON file (RERANK_WEIGHTS)
written by training/rerank.py from hand-written question sets 1-15 and comments of PsychoPy's coder demos (set 16
is never trained on).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .records import Record

RERANK_WEIGHTS = Path(__file__).with_name("rerank_weights.json")
KINDS = ("class", "function", "method", "attribute", "param", "demo", "alert", "module")
FEATURES = ("log_score", "fused_rank", "cos_question", "cos_core", "cos_best", "cos_rank", "name_overlap",
            "name_hit", "text_overlap", "owner_in_question", "owner_rank", "named_owner", "public", "usage",
            "private", "doc_length", *(f"kind_{kind}" for kind in KINDS))
STOP = frozenset("""a an the and or of to in on at for with by from as is are be been was were it its this that these
those i we you my our your me do does did can could should would will how what which when where who why there here
so if then than into onto out up down over under about after before make makes made get gets got use used using
want need set change way just only also not no some any each every all one two thing things like""".split())


@dataclass(frozen=True)
class Candidate:
    record: Record
    score: float  # the fused search score, times the named-owner boost where it came from a named class
    named: bool  # found among the entries of a class or function the question names


def stem(word: str) -> str:
    """A crude English stem: enough that "patches", "patched" and "patch" meet; never shorter than 3 letters."""
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> set[str]:
    """Content words of English text, stemmed."""
    return {stem(w) for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in STOP and len(w) > 1}


@lru_cache(maxsize=8192)
def name_words(name: str) -> frozenset[str]:
    """The words of an identifier: `nReversals` -> {n, reversal}, `butter2d_lp` -> {butter, lp}, `StairHandler`
    -> {stair, handler}."""
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+", name)
    return frozenset(stem(p) for p in parts if p.lower() not in STOP)


def _meets(a: str, b: str) -> bool:
    """Two stems meet when equal or one starts the other with at least 4 letters ("stair" / "staircase")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long.startswith(short)


def _overlap(question: set[str], other: frozenset[str] | set[str]) -> int:
    return sum(1 for w in other if any(_meets(w, q) for q in question))


def _kind(record: Record) -> str:
    if record.source in ("param", "demo", "alert"):
        return record.source
    if record.kind in ("class", "function", "method", "module"):
        return record.kind
    return "attribute"


def features(question: str, pool: list[Candidate], question_vecs: np.ndarray, record_vecs: np.ndarray) -> np.ndarray:
    """One row per candidate (FEATURES order). `question`: the texts searched, joined (the question, its core,
    the API's words the bridge added); `question_vecs`: the embeddings of those texts, one per row, the whole
    question first and its core second; `record_vecs`: one per candidate, in pool order."""
    n = len(pool)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    qwords = words(question)
    cos = record_vecs @ question_vecs.T  # both L2-normalised
    best = cos.max(axis=1)
    cos_order = {int(i): rank for rank, i in enumerate(np.argsort(-best), 1)}
    by_score = sorted(range(n), key=lambda i: -pool[i].score)
    fused_order = {i: rank for rank, i in enumerate(by_score, 1)}
    class_rank: dict[str, int] = {}
    for rank, i in enumerate(by_score, 1):
        record = pool[i].record
        if record.kind == "class":
            for name in (record.symbol, *record.aliases):
                class_rank.setdefault(name, rank)
    col = {name: j for j, name in enumerate(FEATURES)}
    for i, cand in enumerate(pool):
        record = cand.record
        own = name_words(record.name)
        owner = record.symbol.rsplit(".", 1)[0]
        owners = [owner, *(a.rsplit(".", 1)[0] for a in record.aliases)]
        owner_rank = min((class_rank[o] for o in owners if o in class_rank), default=0)
        text = f"{record.summary} {record.doc[:400]}"
        row = out[i]
        row[col["log_score"]] = math.log(max(cand.score, 1e-6))
        row[col["fused_rank"]] = 1.0 / fused_order[i]
        row[col["cos_question"]] = cos[i, 0]
        row[col["cos_core"]] = cos[i, 1] if cos.shape[1] > 1 else cos[i, 0]
        row[col["cos_best"]] = best[i]
        row[col["cos_rank"]] = 1.0 / cos_order[i]
        row[col["name_overlap"]] = _overlap(qwords, own) / max(1, len(own))
        row[col["name_hit"]] = float(record.name.lower() in question.lower())
        row[col["text_overlap"]] = _overlap(qwords, words(text)) / max(1, len(qwords))
        row[col["owner_in_question"]] = float(_overlap(qwords, name_words(owner.rsplit(".", 1)[-1])) > 0)
        row[col["owner_rank"]] = 1.0 / owner_rank if owner_rank else 0.0
        row[col["named_owner"]] = float(cand.named)
        row[col["public"]] = float(bool(record.aliases))
        row[col["usage"]] = math.log1p(record.usage or 0)
        row[col["private"]] = float(record.name.startswith("_"))
        row[col["doc_length"]] = math.log1p(len(record.doc or ""))
        row[col[f"kind_{_kind(record)}"]] = 1.0
    return out


@dataclass(frozen=True)
class Weights:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist()}

    @classmethod
    def from_dict(cls, data: dict) -> "Weights":
        if list(data.get("features", [])) != list(FEATURES):
            raise ValueError("re-ranker weights were trained on other features: run training/rerank.py")
        return cls(np.asarray(data["mean"], float), np.asarray(data["scale"], float), np.asarray(data["coef"], float))


def score(weights: Weights, rows: np.ndarray) -> np.ndarray:
    return ((rows - weights.mean) / weights.scale) @ weights.coef


@lru_cache(maxsize=1)
def default_weights() -> Weights | None:
    """The shipped weights; None (the search's own order is kept) when the file is missing or stale."""
    try:
        return Weights.from_dict(json.loads(RERANK_WEIGHTS.read_text()))
    except (OSError, ValueError, KeyError):
        return None
