"""The learned re-ranker (kb/rerank.py), its place in the question search (kb/query.find) and its training
(training/rerank.py): pure parts on strings and small arrays, then the real index and the real demos."""

from __future__ import annotations

import json

import numpy as np
import pytest

from psychopy_lsp.kb import rerank
from psychopy_lsp.kb.query import learned_order
from psychopy_lsp.kb.records import Record
from psychopy_lsp.kb.rerank import FEATURES, Candidate, Weights, features, name_words, stem


@pytest.mark.parametrize("word, expected", [
    ("patches", "patch"),  # plural -> stem
    ("reversals", "reversal"),
    ("moving", "mov"),  # -ing goes
    ("bus", "bus"),  # never shorter than 3 letters
    ("Dots", "dot"),  # lower-cased
])
def test_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("name, expected", [
    ("nReversals", {"n", "reversal"}),  # camelCase split, stemmed
    ("StairHandler", {"stair", "handler"}),
    ("butter2d_lp", {"butter", "d", "lp"}),  # digits and underscores split
    ("getRT", {"rt"}),  # "get" is a stop word; an acronym stays one word
])
def test_name_words(name, expected):
    assert set(name_words(name)) == expected


def _record(symbol, kind="attribute", source="api", name=None, doc="", aliases=()):
    return Record(symbol=symbol, kind=kind, source=source, name=name or symbol.rsplit(".", 1)[-1], doc=doc,
                  summary=doc.split(".")[0], aliases=list(aliases))


def _column(rows, name):
    return rows[:, FEATURES.index(name)]


def test_features_read_the_question_against_each_candidate():
    pool = [
        Candidate(_record("psychopy.data.StairHandler", kind="class", aliases=["psychopy.data.StairHandler"],
                          doc="A staircase procedure."), 0.9, False),
        Candidate(_record("psychopy.data.StairHandler.nReversals", doc="The minimum number of reversals."), 0.4, False),
        Candidate(_record("demo:stairs.py#main", kind="demo", source="demo", doc="run a staircase"), 0.5, False),
    ]
    question_vecs = np.array([[1.0, 0.0], [0.0, 1.0]])
    record_vecs = np.array([[0.6, 0.8], [1.0, 0.0], [0.0, 1.0]])
    rows = features("stop the staircase after some reversals", pool, question_vecs, record_vecs)
    assert rows.shape == (3, len(FEATURES))
    # vectors: the question's cosine and the best of question and core
    assert list(_column(rows, "cos_question")) == pytest.approx([0.6, 1.0, 0.0])
    assert list(_column(rows, "cos_best")) == pytest.approx([0.8, 1.0, 1.0])
    # the fused search's order, as reciprocal ranks
    assert list(_column(rows, "fused_rank")) == pytest.approx([1.0, 1 / 3, 1 / 2])
    # "reversals" meets nReversals' name words; "staircase" meets StairHandler's ("stair" starts it)
    assert _column(rows, "name_overlap")[1] == pytest.approx(1 / 2)
    assert _column(rows, "name_overlap")[0] == pytest.approx(1 / 2)
    # the member's owner class is the first candidate
    assert list(_column(rows, "owner_rank")) == pytest.approx([0.0, 1.0, 0.0])
    # one kind each, and only the public class counts as public
    assert list(_column(rows, "kind_class")) == [1, 0, 0]
    assert list(_column(rows, "kind_attribute")) == [0, 1, 0]
    assert list(_column(rows, "kind_demo")) == [0, 0, 1]
    assert list(_column(rows, "public")) == [1, 0, 0]


def test_features_of_an_empty_pool():
    assert features("anything", [], np.zeros((1, 2)), np.zeros((0, 2))).shape == (0, len(FEATURES))


@pytest.mark.parametrize("scores, first, expected", [
    # the search's first stays first, the others follow by score
    ([0.1, 0.9, 0.5], 0, ["a", "b", "c"]),
    ([0.9, 0.1, 0.5], 0, ["a", "c", "b"]),
    # the search's first need not be the pool's first
    ([0.9, 0.1, 0.5], 2, ["c", "a", "b"]),
    # ties keep the pool's order
    ([0.0, 0.0, 0.0], 1, ["b", "a", "c"]),
])
def test_learned_order(scores, first, expected):
    pool = [Candidate(_record(f"psychopy.{n}"), 1.0, False) for n in "abc"]
    got = learned_order(pool, np.array(scores), first)
    assert [r.name for r in got] == expected


def test_weights_round_trip_and_refuse_other_features():
    w = Weights(np.arange(len(FEATURES), dtype=float), np.ones(len(FEATURES)), np.linspace(-1, 1, len(FEATURES)))
    back = Weights.from_dict(json.loads(json.dumps(w.to_dict())))
    assert np.allclose(back.coef, w.coef) and np.allclose(back.mean, w.mean)
    stale = dict(w.to_dict(), features=list(FEATURES)[:-1])
    with pytest.raises(ValueError, match="other features"):
        Weights.from_dict(stale)


def test_shipped_weights_load():
    rerank.default_weights.cache_clear()
    weights = rerank.default_weights()
    assert weights is not None and weights.coef.shape == (len(FEATURES),)


@pytest.mark.parametrize("content", ["not json", json.dumps({"features": ["old"], "mean": [], "scale": [],
                                                               "coef": []})])
def test_broken_weights_fall_back_to_the_search_order(tmp_path, monkeypatch, built_kb, content):
    from psychopy_lsp.kb.query import find

    bad = tmp_path / "weights.json"
    bad.write_text(content)
    monkeypatch.setattr(rerank, "RERANK_WEIGHTS", bad)
    rerank.default_weights.cache_clear()
    try:
        assert rerank.default_weights() is None
        question = "How do I make text bold?"
        assert [r.symbol for r in find(built_kb, question)] == [r.symbol for r in find(built_kb, question,
                                                                                        weights=None)]
    finally:
        rerank.default_weights.cache_clear()


def test_fit_learns_the_feature_that_separates():
    from psychopy_lsp.training.rerank import Example, fit, reranked_rank

    rng = np.random.default_rng(0)
    col = FEATURES.index("name_overlap")
    examples = []
    for _ in range(20):
        rows = rng.normal(size=(8, len(FEATURES)))
        right = np.zeros(8, dtype=bool)
        right[rng.integers(1, 8)] = True
        rows[right, col] += 3.0  # only this feature tells the right entry
        pool = [Candidate(_record(f"psychopy.x{i}"), 1.0, False) for i in range(8)]
        target = [f"x{i}" for i in range(8) if right[i]]
        examples.append(Example("q", target, pool, 0, rows, right, None))
    weights = fit(examples, l2=0.01, steps=300, lr=0.05)
    assert int(np.argmax(np.abs(weights.coef))) == col and weights.coef[col] > 0
    # the search's first (a wrong one here) keeps first place; the right one comes second
    assert all(reranked_rank(ex, weights) == 2 for ex in examples)


def test_search_first_entry_is_kept_before_fusion(built_kb, monkeypatch):
    """Without the adapted vector list (kb.nearest returns nothing), the re-ranker keeps the search's first."""
    from psychopy_lsp.kb.query import find

    monkeypatch.setattr(built_kb, "query_adapter", None)
    for question in ("How do I draw a circle?", "How do I wait for a key press?", "make the dots move faster"):
        assert find(built_kb, question)[0].symbol == find(built_kb, question, weights=None)[0].symbol


def test_reranked_search_no_worse_on_a_training_set(built_kb):
    """A regression guard on question set 1 (fitted on): the shipped weights must not lose what the search finds
    alone (figures on the sets never fitted on: training/runs/rerank-3.txt)."""
    from psychopy_lsp.training.judges import rank_of
    from psychopy_lsp.training.rerank import QUESTIONS
    from psychopy_lsp.kb.query import find

    questions = json.loads((QUESTIONS / "questions.json").read_text())["questions"]
    search = sum(1 for q in questions if (rank_of(find(built_kb, q["q"], weights=None), q["targets"]) or 9) <= 3)
    learned = sum(1 for q in questions if (rank_of(find(built_kb, q["q"]), q["targets"]) or 9) <= 3)
    assert learned >= search, (learned, search)


def test_demo_comments_are_real_names(built_kb):
    from psychopy_lsp.training.rerank import demo_comments

    pairs = demo_comments(built_kb, built_kb.index)
    assert len(pairs) > 200
    for pair in pairs:
        assert len(pair["q"].split()) >= 4
        for target in pair["targets"]:
            owner = target.rsplit(".", 1)[0]
            # a record of the index, or a member of one (an attribute set in __init__ is a member, not a record)
            assert built_kb.lookup(target) is not None or built_kb.lookup(owner) is not None, target
    # members win over their classes: "draw the box stimulus" -> BoxStim.draw, not BoxStim
    assert sum(1 for pair in pairs if any(t.rsplit(".", 1)[0] in {p for p in pair["targets"]} for t in pair["targets"])) == 0
    assert any(built_kb.lookup(t) is not None and built_kb.lookup(t).kind in ("method", "attribute")
               for pair in pairs for t in pair["targets"])
