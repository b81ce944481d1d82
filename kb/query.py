"""A question as people write it, turned into knowledge-base searches (issue 17).

- Spelling: PsychoPy's API and docs spell the American way (`color`, `gray`, `center`), students often do not;
  full-text search matches whole words, so "colour" never met `color`.
- The question's core (without "How do I ...?") is searched beside the question, and one entry per name comes
  first in the results (diverse).
- A vocabulary bridge: students ask in their words ("bigger", "faster", "picture", "how long did they take"),
  the records use the API's ("size", "speed", "image", "rt"); the question's core is searched a third time with
  the API's words for the ones it uses appended (VOCABULARY: general synonyms, chosen from the misses of question
  sets 1-4, never from the held-out set measured after it).
- Names in the question narrow the search: "Which parameter of visual.Window ..." searches Window's own entries
  (members and parameters) beside the whole index, and those rank first.
- A learned re-ranker (kb/rerank.py) orders a deeper pool of those candidates; the search's own first entry keeps
  first place, the re-ranker fills the places after it.
"""

from __future__ import annotations

import re

import numpy as np

from .records import Record
from .rerank import Candidate, Weights, default_weights, features, score

# British spellings the API never uses -> the API's; whole words only, case kept for the first letter
SPELLING = {"colour": "color", "colours": "colors", "coloured": "colored", "grey": "gray", "centre": "center",
            "centred": "centered", "behaviour": "behavior", "initialise": "initialize", "normalise": "normalize",
            "visualise": "visualize", "synchronise": "synchronize", "synchronised": "synchronized",
            "optimise": "optimize", "millisecond": "ms", "milliseconds": "ms"}
QUESTION_FORM = re.compile(r"^\s*(?:how (?:do|can|should|would) (?:i|we|you)|how to|is there a way to|"
                           r"is it possible to|what(?:'s| is) the (?:right|best|easiest|correct) way to|can i|"
                           r"where do i|what do i use to)\s+", re.I)
# students' words (a regex, whole words, case-insensitive) -> the API's words that mean the same
VOCABULARY = [
    (r"bigger|larger|smaller|enlarge|shrink|resize", "size"),
    (r"faster|slower|quicker|speed up|slow down", "speed"),
    (r"how long .*(?:take|took|taking)|response times?|reaction times?|latency", "rt time"),
    (r"(?:chose|chosen|picked|selected|choice)\b.*\b(?:slider|scale|rating)", "rating getRating"),
    (r"(?:words|text)\b.*\b(?:under|below|beside|next to|at the ends?)", "labels"),
    (r"pictures?|photos?|photographs?|jpe?g|png", "image"),
    (r"videos?|films?|clips?|mp4", "movie"),
    (r"beeps?|tones?", "sound"),
    (r"dialog(?:ue)? box(?:es)?|pop-?ups?|form to fill", "dlg dialog"),
    (r"how far|viewing distance|sits?|seated", "distance monitor"),
    (r"full ?screen", "fullscr"),
    (r"see-through|transparen(?:t|cy)|fade(?: out| in)?", "opacity"),
    (r"rotate|rotation|tilt(?:ed)?|angle", "ori orientation"),
    (r"repeat(?:ed|s)?|again and again|several times", "loops repeat"),
    (r"(?:in|into|to) pixels", "pix"),
    (r"(?:visual )?degrees?", "deg"),
    (r"bright(?:er|ness)?|dark(?:er)?|dim(?:mer)?", "contrast"),
    (r"record (?:audio|sound|voice)|voice", "microphone"),
    (r"louder|quieter|loudness", "volume"),
    (r"screenshots?", "getMovieFrame saveMovieFrames"),
    (r"excel|spreadsheets?", "saveAsExcel saveAsWideText"),
    (r"threshold", "staircase quest"),
    (r"trial number|which trial", "thisN thisTrialN"),
    (r"clicks?|clicked", "mouse pressed click"),
    (r"invisible|hide|hidden", "opacity autoDraw"),
]
_VOCABULARY = [(re.compile(rf"\b(?:{pattern})\b", re.I), words) for pattern, words in VOCABULARY]
NAMED_BOOST = 1.5  # an entry of a class the question names, over an equally good match elsewhere


def normalise(question: str) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        new = SPELLING.get(word.lower())
        if new is None:
            return word
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return re.sub(r"[A-Za-z]+", swap, question)


def named_owners(question: str, index) -> list[str]:
    """Canonical symbols of the classes and functions the question names as code: `visual.Window`, `TextStim`,
    `getKeys` (a bare lower-case word such as "window" or "text" is ordinary English, not a name)."""
    found: list[str] = []
    for token in re.findall(r"\b[A-Za-z_][\w.]*\w", question):
        plain = token.isalpha() and token.islower()
        if plain and "." not in token:
            continue
        record = index.lookup(token) if "." in token else None
        if record is None:
            record = _by_name(index, token)
        if record is not None and record.kind in ("class", "function", "method") and record.symbol not in found:
            found.append(record.symbol)
    return found


def _by_name(index, name: str) -> Record | None:
    """The public class or function whose own name this is (TextStim, waitKeys), the shortest public path."""
    best = None
    for record in index.records.values():
        if record.name != name or record.kind not in ("class", "function") or not record.aliases or record.plugin:
            continue
        if best is None or len(record.display_name) < len(best.display_name):
            best = record
    return best


def _as_answer(record: Record, index) -> Record:
    """A parameter of a function or method stands for that function (`event.getKeys`, not its `keyList` alone:
    a call's parameters are read together); a constructor's parameter stays itself (`Window(fullscr=)`)."""
    if record.source != "param":
        return record
    owner = index.records.get(record.symbol.rsplit(".", 1)[0])
    return owner if owner is not None and owner.kind in ("function", "method") else record


def core(question: str) -> str:
    """The question without its opening form ("How do I", "Is there a way to") and its question mark: what is
    asked for, which the record's words describe (they never say "how do I")."""
    return QUESTION_FORM.sub("", question).rstrip("?").strip()


def bridged(text: str) -> str:
    """`text` with the API's words for the everyday ones it uses appended; "" when it uses none."""
    extra = [words for pattern, words in _VOCABULARY if pattern.search(text)]
    return f"{text} {' '.join(dict.fromkeys(extra))}" if extra else ""


def diverse(ranked: list[Record]) -> list[Record]:
    """One entry per name first: three classes' `flipHoriz` (or `method`) say one thing three times and crowd out
    the other candidates; the repeats follow, best first. Demo chunks are never repeats."""
    first, repeats, names = [], [], set()
    for record in ranked:
        (repeats if record.name in names and record.source != "demo" else first).append(record)
        names.add(record.name)
    return first + repeats


POOL = 10  # candidates per search for the re-ranker (2x from the whole index, 1x within each named class)


def candidates(kb, question: str, depth: int | None = None) -> list[Candidate]:
    """Every entry the searches find for a question: the whole index, and the entries of each class it names,
    for the question, its core and its bridged core; one per symbol, with its best fused score. `depth`: hits
    per search (POOL by default)."""
    depth = depth or POOL
    text = normalise(question)
    scored: dict[str, Candidate] = {}

    def add(record: Record, score: float, named: bool) -> None:
        record = _as_answer(record, kb.index)
        old = scored.get(record.symbol)
        if old is None or score > old.score:
            scored[record.symbol] = Candidate(record, score, named or bool(old and old.named))
        elif named and not old.named:
            scored[record.symbol] = Candidate(old.record, old.score, True)

    owners = named_owners(question, kb.index)
    for query in queries(text):
        for record, score in kb.search(query, k=2 * depth, params=True):
            add(record, score, False)
        for owner in owners:
            for record, score in kb.search(query, k=depth, within=owner, params=True):
                add(record, score * NAMED_BOOST, True)
    return sorted(scored.values(), key=lambda cand: -cand.score)


def queries(text: str) -> list[str]:
    """The question, its core, its bridged core: the texts searched (without repeats or empties)."""
    return list(dict.fromkeys(q for q in (text, core(text), bridged(core(text))) if q))


def pool(kb, question: str, k: int = 3) -> tuple[list[Candidate], int]:
    """The re-ranker's candidates (POOL deep) and the index in it of the entry the search alone puts first at
    depth k. That entry is found by the shallow search: a deeper one fuses longer full-text and vector lists, and
    its first is right less often (sets 5-8 at depth 10: 22 vs 24 of 120)."""
    deep = candidates(kb, question, depth=max(POOL, k))
    shallow = candidates(kb, question, depth=k)
    if not shallow:
        return deep, 0
    first = diverse([cand.record for cand in shallow])[0].symbol
    at = next((i for i, cand in enumerate(deep) if cand.record.symbol == first), None)
    if at is None:
        deep = [next(c for c in shallow if c.record.symbol == first), *deep]
        at = 0
    return deep, at


def rerank(kb, question: str, cands: list[Candidate], first: int, weights: Weights) -> list[Record]:
    """The candidates in the learned order (kb/rerank.py), the search's first kept first."""
    text = normalise(question)
    vecs = np.stack([kb.embedder.encode_one(query) for query in queries(text)])
    rows = features(" ".join(queries(text)), cands, vecs, kb.vectors([cand.record for cand in cands]))
    return learned_order(cands, score(weights, rows), first)


def learned_order(cands: list[Candidate], scores: np.ndarray, first: int = 0) -> list[Record]:
    """The search's first entry (`first`) stays first: the extractive answer quotes it, and on held-out question
    sets the re-ranker's own first choice was right less often than the search's (sets 5-7: 16 vs 20 of 90); the
    others follow by the learned score, which puts the right entry among the first three more often."""
    order = np.argsort(-scores, kind="stable")
    return [cands[first].record, *(cands[int(i)].record for i in order if int(i) != first)]


def find(kb, question: str, k: int = 3, weights: Weights | None | str = "default") -> list[Record]:
    """The k best entries for a question: the search's candidates (candidates()), re-ranked by the learned
    scorer (weights="default": the shipped ones; None: the search's own order, as before the re-ranker), fused
    with the adapted vector search (kb.nearest, kb/query_adapter.py), one per name first."""
    if weights == "default":
        weights = default_weights()
    if weights is None:
        return diverse([cand.record for cand in candidates(kb, question, depth=k)])[:k]
    cands, first = pool(kb, question, k)
    ranked = diverse(rerank(kb, question, cands, first, weights))[:POOL] if cands else []
    return diverse(fuse(ranked, [_as_answer(r, kb.index) for r in kb.nearest(normalise(question), NEAREST)]))[:k]


NEAREST = 30  # entries of the adapted vector search fused with the re-ranked list
RRF_K = 60  # reciprocal-rank constant (the usual one; not tuned)


def fuse(*lists: list[Record]) -> list[Record]:
    """Reciprocal-rank fusion, one entry per symbol: the re-ranked search (full text and vectors, its learned
    order) and the adapted vector search find different things. Alone, the adapted vectors beat the re-ranked
    search on question sets 5-8 (hit@3 56 vs 48 of 120); fused, both do better still (62), since each misses
    what the other finds (chosen on sets 5-8; set 10 written before it, measured once)."""
    score: dict[str, float] = {}
    first: dict[str, Record] = {}
    for ranked in lists:
        seen = set()
        for i, record in enumerate(ranked):
            if record.symbol in seen:
                continue
            seen.add(record.symbol)
            score[record.symbol] = score.get(record.symbol, 0.0) + 1.0 / (RRF_K + i + 1)
            first.setdefault(record.symbol, record)
    return [first[s] for s in sorted(score, key=lambda s: -score[s])]
