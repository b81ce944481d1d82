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
"""

from __future__ import annotations

import re

from .records import Record

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


def find(kb, question: str, k: int = 3) -> list[Record]:
    """The k best entries for a question: the whole index, and the entries of each class it names, merged, for
    the question and for its core."""
    text = normalise(question)
    scored: dict[str, tuple[float, Record]] = {}

    def add(record: Record, score: float) -> None:
        record = _as_answer(record, kb.index)
        if score > scored.get(record.symbol, (0.0, None))[0]:
            scored[record.symbol] = (score, record)

    owners = named_owners(question, kb.index)
    for query in dict.fromkeys(q for q in (text, core(text), bridged(core(text))) if q):
        for record, score in kb.search(query, k=2 * k, params=True):
            add(record, score)
        for owner in owners:
            for record, score in kb.search(query, k=k, within=owner, params=True):
                add(record, score * NAMED_BOOST)
    ranked = [record for _score, record in sorted(scored.values(), key=lambda pair: -pair[0])]
    return diverse(ranked)[:k]
