"""Read a description of an experiment ("a red T among green Ls for 2 s; press f if present, j if absent; 40
trials") into a Spec: the values it states, each kept with the words it came from, and the rest as free text.

Pure (strings in, dataclasses out). Nothing here knows paradigm names: a description is read as stimuli (a kind,
a colour, a position, a size, a count, a role such as target, distractor, cue, mask, fixation), screens with
durations in the order they are mentioned, response keys and what each one answers, a trial count, feedback, and
the background. Colour names are PsychoPy's own (`psychopy.colors.colorNames`, passed in from the knowledge
base), so "darkblue" or "salmon" are read as colours and "blues" is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# a few colours students write that PsychoPy spells otherwise
COLOUR_ALIASES = {"grey": "grey", "gray": "gray", "dark blue": "darkblue", "dark green": "darkgreen",
                  "dark red": "darkred", "light blue": "lightblue", "light green": "lightgreen",
                  "dark grey": "darkgrey", "dark gray": "darkgray", "light grey": "lightgrey"}

# stimulus nouns -> the kind of PsychoPy stimulus that draws them
SHAPES = {"circle": "circle", "circles": "circle", "dot": "circle", "dots": "circle", "disc": "circle",
          "discs": "circle", "disk": "circle", "ball": "circle", "square": "square", "squares": "square",
          "rectangle": "rect", "rectangles": "rect", "bar": "rect", "bars": "rect", "box": "square",
          "boxes": "square", "diamond": "square", "diamonds": "square", "triangle": "triangle", "triangles": "triangle", "line": "line", "lines": "line",
          "grating": "grating", "gratings": "grating", "gabor": "grating", "gabors": "grating", "patch": "grating",
          "star": "star", "stars": "star", "cross": "cross", "plus": "cross", "arrow": "arrow", "arrows": "arrow",
          "word": "text", "words": "text", "letter": "text", "letters": "text", "digit": "text",
          "digits": "text", "number": "text", "numbers": "text", "string": "text", "strings": "text",
          "nonword": "text", "nonwords": "text", "text": "text", "message": "text", "face": "circle",
          "sentence": "text", "sentences": "text", "phrase": "text", "phrases": "text", "statement": "text",
          "statements": "text"}

ROLE_WORDS = [("fixation", "fixation"), ("mask", "mask"), ("cue", "cue"), ("prime", "prime"), ("probe", "probe"),
              ("memory set", "memory"), ("distractor", "distractor"), ("flanker", "distractor"),
              ("target", "target"), ("feedback", "feedback"), ("instruction", "instructions"), ("sample", "memory"),
              ("study", "memory"), ("test", "probe"), ("comparison", "probe")]

# a pause with nothing on the screen, and between trials
BLANK_WORDS = ("blank", "retention", "delay", "interval", "pause", "gap", "isi", "soa")
ITI_WORDS = ("between trials", "inter-trial", "intertrial", "iti", "before the next trial", "between each trial",
             "in between", "between them")
WINDOW_WORDS = ("within", "up to", "respond in", "response window", "time limit", "deadline", "to respond",
                "at most", "maximum", "max")
UNTIL_RESPONSE = ("until response", "until a response", "until the participant responds", "until they respond",
                  "until a key", "until keypress", "until a keypress", "stays until", "remains until")

NAMED_KEYS = [(r"space ?bar|space key|\bspace\b", "space"), (r"left[- ]arrow|\bleft key|arrow left", "left"),
              (r"right[- ]arrow|\bright key|arrow right", "right"), (r"up[- ]arrow|\bup key|arrow up", "up"),
              (r"down[- ]arrow|\bdown key|arrow down", "down"), (r"\benter\b|\breturn\b", "return"),
              (r"\bescape\b|\besc\b", "escape"), (r"\btab key\b", "tab"), (r"\bbackspace\b", "backspace")]

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twelve": 12, "sixteen": 16, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "sixty": 60, "a hundred": 100, "hundred": 100}

NO_RESPONSE = ("do nothing", "don't press", "do not press", "dont press", "withhold", "no response",
               "don't respond", "do not respond", "no-go", "nogo", "no go", "except", "ignore")

POSITION_WORDS = {"left": (-0.35, 0.0), "right": (0.35, 0.0), "above": (0.0, 0.2), "top": (0.0, 0.3),
                  "below": (0.0, -0.2), "bottom": (0.0, -0.3), "centre": (0.0, 0.0), "center": (0.0, 0.0),
                  "middle": (0.0, 0.0)}


@dataclass
class Stimulus:
    role: str  # target | distractor | cue | mask | fixation | prime | probe | memory | stimulus
    kind: str  # text | circle | square | rect | triangle | line | grating | star | cross | arrow
    colours: list[str] = field(default_factory=list)  # one, or the alternatives ("a blue or orange square")
    texts: list[str] = field(default_factory=list)  # what a text stimulus shows ("T", "RED", "#####")
    positions: list[tuple[float, float]] = field(default_factory=list)  # one, or the alternatives
    size: float | None = None
    count: int = 1
    words: str = ""  # the words it was read from

    @property
    def name(self) -> str:
        return self.role if self.role != "stimulus" else "stim"


@dataclass
class Screen:
    """One step of a trial, in order: what is drawn and for how long."""
    name: str  # fixation | cue | blank | stimulus | mask | prime | memory | probe | target
    stimuli: list[str]  # Stimulus.name of what is drawn
    seconds: float | None = None
    frames: int | None = None
    words: str = ""
    # a duration that changes from trial to trial: ("choice", [0.4, 0.8]) 'for either 400 or 800 ms', or
    # ("range", [0.5, 1.0]) 'a fixation of 500-1000 ms' (seconds holds the first value)
    vary: tuple[str, list[float]] | None = None


@dataclass
class Answer:
    """One response key and the condition it answers ("" when the description gives none)."""
    key: str  # a PsychoPy key name
    condition: str = ""


@dataclass
class Spec:
    description: str
    stimuli: list[Stimulus] = field(default_factory=list)
    screens: list[Screen] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    no_go: str = ""  # the condition that asks for no response
    response_s: float | None = None  # the response window; None: until a response
    iti_s: float | None = None
    trials: int | None = None
    practice: int | None = None
    feedback_s: float | None = None
    feedback_colour: str = ""
    background: str = ""
    free_text: list[str] = field(default_factory=list)  # clauses nothing above was read from

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(a.key for a in self.answers))

    def stated(self) -> dict:
        """The values the description states, for verification (see verify.requirements)."""
        durations = [s.seconds for s in self.screens if s.seconds is not None]
        durations += [v for s in self.screens if s.vary for v in s.vary[1]]
        durations += [v for v in (self.response_s, self.iti_s, self.feedback_s) if v is not None]
        return {"colours": list(dict.fromkeys([c for s in self.stimuli for c in s.colours] +
                                              ([self.background] if self.background else []) +
                                              ([self.feedback_colour] if self.feedback_colour else []))),
                "durations": list(dict.fromkeys(durations)),
                "frames": [s.frames for s in self.screens if s.frames is not None],
                "keys": self.keys, "trials": self.trials,
                "kinds": list(dict.fromkeys(s.kind for s in self.stimuli if s.role != "fixation"))}


# ---- small readers ---------------------------------------------------------------------------------------------
_NUM = r"(\d+(?:\.\d+)?|\.\d+)"
_DURATION = re.compile(_NUM + r"\s*(ms|msec|milliseconds?|millisecs?|s|secs?|seconds?|frames?)\b", re.I)


def durations_in(text: str) -> list[tuple[float | None, int | None, int]]:
    """(seconds, frames, offset) for each duration written in `text`; "a second" / "one second" too."""
    found = []
    for m in _DURATION.finditer(text):
        value, unit = float(m.group(1)), m.group(2).lower()
        if unit.startswith("frame"):
            found.append((None, int(value), m.start()))
        elif unit.startswith("m"):
            found.append((round(value / 1000, 4), None, m.start()))
        else:
            found.append((value, None, m.start()))
    for m in re.finditer(r"\b(a|one|half a|two|three|four|five)\s+(second|seconds|sec)\b", text, re.I):
        word = m.group(1).lower()
        value = {"a": 1, "one": 1, "half a": 0.5, "two": 2, "three": 3, "four": 4, "five": 5}[word]
        found.append((float(value), None, m.start()))
    return sorted(found, key=lambda d: d[2])


_UNIT = r"(ms|msec|milliseconds?|s|secs?|seconds?)"


def duration_sets(text: str) -> list[tuple[str, list[float], int, int]]:
    """Durations that vary by trial: ('choice', seconds, start, end) for 'either 400 ms or 800 ms', '400 or 800 ms',
    '250, 500 or 750 ms'; ('range', [low, high], start, end) for 'between 500 and 1000 ms', '500-1000 ms',
    'from 1 to 3 s'."""
    found = []
    num = _NUM + r"\s*" + _UNIT + r"?"
    choice = re.compile(r"(?:either\s+)?" + num + r"((?:\s*,\s*" + num + r")*)\s*,?\s+or\s+" + _NUM + r"\s*" + _UNIT +
                        r"\b", re.I)
    span = re.compile(r"(?:between\s+|from\s+)?" + num + r"\s*(?:-|–|to|and)\s*" + _NUM + r"\s*" + _UNIT + r"\b", re.I)
    for m in choice.finditer(text):
        if re.search(r"\b(?:press|keys?|hit|type)\s+$", text[:m.start()], re.I):
            continue  # 'press 1 or 2': keys
        unit = m.group(m.lastindex)
        values = [float(v) for v in re.findall(_NUM, m.group(0))]
        found.append(("choice", [round(v / 1000 if unit.lower().startswith("m") else v, 4) for v in values],
                      m.start(), m.end()))
    for m in span.finditer(text):
        if any(a <= m.start() < b for _k, _v, a, b in found):
            continue
        head = text[max(0, m.start() - 40):m.start()].lower()
        if not (m.group(0).lower().startswith(("between", "from")) or "-" in m.group(0) or "–" in m.group(0)
                or re.search(r"random|jitter|vari", head)):
            continue  # '1 s and 2 s' in a list of screens is not a range
        unit = m.group(m.lastindex)
        low, high = float(m.group(1)), float(m.group(m.lastindex - 1))
        scale = 1000 if unit.lower().startswith("m") else 1
        if low < high:
            found.append(("range", [round(low / scale, 4), round(high / scale, 4)], m.start(), m.end()))
    return found


def colours_in(text: str, colour_names: set[str]) -> list[tuple[str, int]]:
    """(PsychoPy colour name, offset) for each colour word in `text`."""
    found: list[tuple[str, int]] = []
    lowered = text.lower()
    taken: list[range] = []
    for alias, name in COLOUR_ALIASES.items():
        for m in re.finditer(r"\b" + alias + r"\b", lowered):
            found.append((name, m.start()))
            taken.append(range(m.start(), m.end()))
    for m in re.finditer(r"[a-z]+", lowered):
        word = m.group(0)
        if text[m.start():m.end()].isupper() and len(word) > 1:
            continue  # 'the word RED': a word to show, not a colour
        if word in colour_names and not any(m.start() in r for r in taken) and word not in ("tan",):
            found.append((word, m.start()))
    return sorted(found, key=lambda c: c[1])


def keys_in(text: str) -> list[tuple[str, int]]:
    """(PsychoPy key name, offset) for keys named in `text`: quoted characters ('f', "j"), single letters or
    digits after press/key words, and named keys (space bar, left arrow, return)."""
    found: list[tuple[str, int]] = []
    # coordinates are not keys: '(-0.4, 0)' blanked out, offsets kept
    text = re.sub(r"\(\s*-?[\d.]+\s*,\s*-?[\d.]+\s*\)", lambda m: " " * len(m.group(0)), text)
    for m in re.finditer(r"\b(?:press(?:es|ing)?|hit|with|using|use)\s+(?:the\s+)?(left|right|up|down)\b"
                         r"(?:\s*(?:/|or|and|,)\s*(?:the\s+)?(left|right|up|down)\b)?", text, re.I):
        found.append((m.group(1).lower(), m.start(1)))
        if m.group(2):
            found.append((m.group(2).lower(), m.start(2)))
    # 'press left if the mark is left of centre and right otherwise': a direction named as the second key
    if re.search(r"\b(?:press|respond|hit|use)", text, re.I):
        for m in re.finditer(r"\b(?:and|or|,)\s+(?:the\s+)?(left|right|up|down)(?:\s+arrow)?(?:\s+key)?\s+"
                             r"(?:otherwise|if|when|for)\b", text, re.I):
            found.append((m.group(1).lower(), m.start(1)))
    for pattern, name in NAMED_KEYS:
        for m in re.finditer(pattern, text, re.I):
            found.append((name, m.start()))
    # "the left and right arrow keys", "left/right arrows": both halves
    for m in re.finditer(r"\b(left|right|up|down)\s*(?:/|and|or|,)\s*(?:the\s+)?(left|right|up|down)"
                         r"(?:[- ]arrow|\s+arrow|\s+keys?|\s+arrows)", text, re.I):
        if re.search(r"\b(?:for|if|when|is|means|pointing|points)\s+$", text[:m.start()], re.I):
            continue  # 'the up arrow for up, the down arrow for down': the first word is a condition
        found += [(m.group(1).lower(), m.start(1)), (m.group(2).lower(), m.start(2))]
    for m in re.finditer(r"['\"‘’“”]([A-Za-z0-9])['\"‘’“”]", text):
        found.append((m.group(1).lower(), m.start(1)))
    # a bare letter or digit is a key only where a key is being named ('press f if', 's for same', 'keys d
    # and k'), never an article, a number with its unit ('a red circle', '1 s between trials') or a word's first
    # letter (', for 400 ms' is not the key f followed by 'or')
    # ('v = vertical': '=' follows a key too)
    key_context = r"\b(?:press(?:es|ing)?|keys?|with|hit|type|respond(?:s|ing)?|using|use|or|and)\s+|[,:/]\s*"
    followers = (r"(?:if|for|when|whenever|to|or|and|key|keys|means|is|on|otherwise|as|quickly|immediately|"
                 r"once|each|every|instead)\b|[,.;:)/=]|$")
    for m in re.finditer(r"(?:" + key_context + r")(?:the\s+)?([A-Za-z0-9])\b(?:\s+key)?(?=\s*(?:" + followers +
                         r"))", text, re.I):
        found.append((m.group(1).lower(), m.start(1)))
    # a sentence that starts with its key: 'z for left, m for right.' (only before for/if/when/means, so a
    # count at a sentence's start, '5 to 10 dots', stays a number)
    for m in re.finditer(r"(?:^|[.;!?]\s+)([A-Za-z0-9])(?:\s+key)?(?=\s+(?:for|if|when|whenever|means)\b|\s*=)", text):
        found.append((m.group(1).lower(), m.start(1)))
    # a key given its meaning in parentheses: '(s = square, t = triangle)' (not '(0.5 s)', '(1 to 6)')
    for m in re.finditer(r"\(\s*([A-Za-z0-9])\s*=\s*[A-Za-z]", text):
        found.append((m.group(1).lower(), m.start(1)))
    # a list of single characters ('always E, F, H or T: press that key') whose other items are read as keys
    # above: its first item is one too
    keys_at = {o for _n, o in found}
    for m in re.finditer(r"\b([A-Za-z0-9])((?:\s*,\s*[A-Za-z0-9]\b)+\s*,?\s*(?:or|and)\s+[A-Za-z0-9])\b", text):
        items = [m.start(1)] + [m.start(2) + i.start(1) for i in re.finditer(r"([A-Za-z0-9])\b", m.group(2))
                                if len(i.group(1)) == 1]
        if sum(any(abs(o - k) < 2 for k in keys_at) for o in items[1:]) >= 2:
            found.append((m.group(1).lower(), m.start(1)))
    # 'the number keys 1-6', 'keys 1 to 4', 'press 1-4 for', 'by pressing 1 to 5': every digit of the range (not a
    # range with a unit after it: 'with 1 to 3 s between', 'press for 1-2 seconds')
    for m in re.finditer(r"\b(?:keys?|press(?:es|ing)?|type|hit|using|with)\s+(?:the\s+)?(?:number\s+)?(?:keys?\s+)?"
                         r"(\d)\s*(?:-|–|to)\s*(\d)\b(?!\s*(?:s|ms|sec\w*|min\w*|frames?|trials?|times?|items?|dots?)\b)",
                         text, re.I):
        low, high = int(m.group(1)), int(m.group(2))
        if low < high:
            # offsets 2 apart from the range's start: in order, and not merged as one key read twice below
            found += [(str(d), m.start(1) + 2 * (d - low)) for d in range(low, high + 1)]
    seen: dict[int, str] = {}
    for name, offset in sorted(found, key=lambda k: k[1]):
        if not any(abs(offset - o) < 2 for o in seen):
            seen[offset] = name
    return sorted(((n, o) for o, n in seen.items()), key=lambda k: k[1])


def _count_before(words: str) -> int | None:
    # '12 items', 'five white arrows', '4 coloured squares': up to two adjectives between count and noun
    adjectives = r"(?:\s+[a-z-]+){0,2}\s*$"
    # '400 ms a black square', '500 ms fixation': a number with its unit is a duration, not a count
    words = re.sub(r"\d+(?:\.\d+)?\s*(?:ms|msec|milliseconds?|s|secs?|seconds?|frames?|%|px|pixels?|deg|degrees|"
                   r"cm|trials?)\b", " ", words, flags=re.I)
    m = re.search(r"(\d+)" + adjectives, words) or \
        re.search(r"\b(" + "|".join(NUMBER_WORDS) + r")" + adjectives, words, re.I)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1).lower()]


def trials_in(text: str) -> tuple[int | None, int | None]:
    """(trials, practice trials) stated in `text`."""
    practice = None
    m = re.search(r"(\d+)\s+practice\s+trials?", text, re.I)
    if m:
        practice = int(m.group(1))
        text = text[:m.start()] + text[m.end():]
    numbers = [int(m.group(1)) for m in re.finditer(r"(\d+)\s+(?:\w+\s+)?trials?\b", text, re.I)]
    if not numbers:
        numbers = [NUMBER_WORDS[m.group(1).lower()] for m in
                   re.finditer(r"\b(" + "|".join(NUMBER_WORDS) + r")\s+trials?\b", text, re.I)]
    if not numbers:
        m = re.search(r"trials?\s*[:=]\s*(\d+)", text, re.I)
        numbers = [int(m.group(1))] if m else []
    if not numbers:  # a sentence that is a count alone, the way descriptions end: '30 flashes.', '20 words.'
        numbers = [int(m.group(1)) for m in re.finditer(r"(?:^|[.;!?]\s+)(\d+)\s+[a-z]+s(?:\s+in\s+total)?\s*"
                                                        r"(?:[.;!?]|$)", text.strip(), re.I)]
    return (numbers[-1] if numbers else None), practice


def clauses(text: str) -> list[str]:
    """Sentences and 'then'-separated steps, in order."""
    text = re.sub(r"\s+", " ", text.strip())
    parts = re.split(r"(?<=[.;!?])\s+|\s*;\s*|,?\s+then\s+|,?\s+followed by\s+|\.\s*$", text)
    return [p.strip(" ,.") for p in parts if p and p.strip(" ,.")]


# ---- the reader ------------------------------------------------------------------------------------------------
def _near(text: str, offset: int, words: tuple[str, ...], before: int = 22, after: int = 22) -> bool:
    """Whether one of `words` is written within `before` characters before or `after` characters after."""
    window = text[max(0, offset - before):offset + after].lower()
    return any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", window) for w in words)


def _is_window(clause: str, offset: int) -> bool:
    """'within 2 s', 'up to 3 seconds', '2 s to respond', '1.5 s response window'."""
    return _near(clause, offset, WINDOW_WORDS, 16, 24) and not _near(clause, offset, ("apart", "after"), 10, 12)


def _is_iti(clause: str, offset: int) -> bool:
    """'1 s between trials', 'an ITI of 1 second', 'inter-trial interval 800 ms', '600 ms in between': the
    words right after the duration, or right before it (not a phrase that belongs to another number)."""
    m = _DURATION.match(clause, offset) or re.match(r"\S+\s+\S+", clause[offset:])
    end = offset + (len(m.group(0)) if m else 0)
    after = clause[end:end + 40].lower()
    if re.match(r"\s*(?:of\s+)?(?:blank\s+|pause\s+|rest\s+|gap\s+|break\s+)?(?:between trials|between each trial|"
                r"between (?:the )?trials|inter-?trial|before the next trial|between them|in between|iti\b|isi\b)",
                after):
        return True
    before = clause[max(0, offset - 30):offset].lower()
    return bool(re.search(r"(?:inter-?trial(?: interval)?|\biti|between trials)\W*(?:of|is|=|:|was|lasts|lasting)?"
                          r"\s*(?:an?\s+|about\s+)?$", before))


# words that point back at stimuli already described ('each shape', 'the stimulus', 'it')
_REFERENCE = re.compile(r"\b(?:each|every|the|this|that|all|both)\s+(?:shapes?|stimul(?:us|i)|items?|objects?|"
                        r"ones?|displays?|images?|pictures?|figures?)\b|\b(?:it|they)\s+(?:is|are|stays?|remains?|"
                        r"appears?|lasts?)\b")


def _is_display(clause: str, offset: int) -> bool:
    """'shown for 200 ms', 'each for 3 frames', 'lasting 1 s': how long something stays on the screen."""
    return bool(re.search(r"\b(?:for|lasting|lasts|during)\s+(?:about\s+|only\s+|just\s+)?$",
                          clause[max(0, offset - 20):offset], re.I))


def _is_gap(clause: str, offset: int) -> bool:
    """'50 ms apart', '600 ms in between', 'a 300 ms blank': a pause after what was shown."""
    after = clause[offset:offset + 40].lower()
    return bool(re.match(r"[\d.]+\s*\w+\s+(?:apart|in between|between|later|gap|blank|delay|pause|of blank)\b", after))


def _role_for(clause: str, offset: int) -> str:
    """The role word in a stimulus noun's own phrase ('target letter', 'a green cue square', 'the square
    target'), or distractor after 'among'."""
    head = clause[:offset].lower()
    cut = max([m.end() for m in re.finditer(r"[:,;(]|\b(?:a|an|the|then|and|of)\b", head)
               if offset - m.end() > 0] or [0])
    among = max(head.rfind(" among "), head.rfind(" amongst "), head.rfind(" surrounded by "))
    head = " " * cut + head[cut:]
    best, where = "stimulus", -1
    for word, role in ROLE_WORDS:
        i = head.rfind(word)
        if i > where and offset - i < 40:
            best, where = role, i
    if among > where:
        return "distractor"
    after = clause[offset:offset + 30].lower()
    for word, role in ROLE_WORDS:
        if re.match(r"\s*\w*\s*\(?(?:the\s+)?" + word, after) and where < 0:
            return role
    return best


def _texts(words: str) -> list[str]:
    """What a text stimulus shows, when the words say: quoted strings, 'the word RED', capital letters
    ('a red T', 'H or S', 'Ls'), ranges of digits ('digits 1-9', 'a number from 1 to 9')."""
    quoted = re.findall(r"['\"‘“]([^'\"’”]{2,20})['\"’”]", words)
    if quoted:
        return quoted
    m = re.search(r"(\d)\s*(?:-|to|–|and)\s*(\d)", words)
    if m and re.search(r"digit|number", words, re.I):
        a, b = int(m.group(1)), int(m.group(2))
        return [str(i) for i in range(min(a, b), max(a, b) + 1)]
    m = re.search(r"\bof\s+([#*X%@&]{2,})", words) or re.search(r"([#*%@&]{3,})", words)
    if m:
        return [m.group(1)]
    upper_words = re.findall(r"\b([A-Z]{2,})\b", words)
    if upper_words and not all(w in ("RT", "ITI", "ISI", "SOA", "CSV", "SART") for w in upper_words):
        return [w for w in dict.fromkeys(upper_words) if w not in ("RT", "ITI", "ISI", "SOA", "CSV", "SART")]
    capitals = re.findall(r"(?<![A-Za-z'])([A-Z])(?:s|'s)?(?![A-Za-z])", words)
    capitals = [c for c in capitals if c not in ("I", "A")]
    return list(dict.fromkeys(capitals))


def _positions(words: str) -> list[tuple[float, float]]:
    m = re.findall(r"\(\s*(-?\d*\.?\d+)\s*,\s*(-?\d*\.?\d+)\s*\)", words)
    if m:
        return [(float(x), float(y)) for x, y in m]
    found = []
    for word, pos in POSITION_WORDS.items():
        if re.search(r"\b" + word + r"\b", words, re.I) and pos not in found:
            found.append(pos)
    return found


def _size(words: str) -> float | None:
    m = re.search(r"(?:size|radius|height|width|diameter)\s*(?:of|=|:)?\s*" + _NUM, words, re.I) or \
        re.search(_NUM + r"\s*(?:height units|units|deg)\b", words, re.I)
    return float(m.group(1)) if m else None


def _stimuli_in(clause: str, colour_names: set[str]) -> list[Stimulus]:
    found: list[Stimulus] = []
    lowered = clause.lower()
    nouns = [(m.start(), SHAPES[m.group(1)]) for m in re.finditer(r"\b(" + "|".join(SHAPES) + r")\b", lowered)]
    if "fixation" in lowered and not any(kind == "cross" for _, kind in nouns):
        nouns.append((lowered.index("fixation"), "cross"))  # '500 ms fixation'
    nouns = [(o, k) for o, k in nouns if not (k == "cross" and any(k2 == "cross" and 0 < o - o2 < 15
                                                                        for o2, k2 in nouns))]
    # a capital letter as a stimulus ('a red T among green Ls')
    nouns += [(m.start(1), "text") for m in re.finditer(r"(?:\b(?:a|an|the|green|red|blue|white|black|yellow)\s+)"
                                                        r"([A-Z])(?:s)?\b", clause)]
    # 'the left arrow key', 'arrow keys', 'up arrow': keys, not stimuli
    # ('a left or right arrow appears' is a stimulus: no key is being named there)
    nouns = [(o, k) for o, k in nouns if not (k == "arrow" and (
        re.match(r"arrows?[- ]keys?\b", lowered[o:o + 12]) or
        (re.search(r"(?:left|right|up|down)[- ]$", lowered[max(0, o - 6):o]) and
         re.search(r"\b(?:press(?:es|ing)?|hit|use|using|with|respond\w*|keys?)\b", lowered[:o]))))]
    # 'type the number of dots', 'say the word': what the participant answers, not something shown; 'the number
    # keys', 'letter keys': keys
    nouns = [(o, k) for o, k in nouns if not re.search(r"\b(?:type|enter|say|report|write|name)\s+(?:the|a|an|"
                                                       r"their|your)?\s*$", lowered[max(0, o - 25):o])
             and not re.match(r"\w+\s+keys?\b", lowered[o:o + 20])]
    # 'a 500 ms fixation before each number': a stimulus described elsewhere, named to say when
    nouns = [(o, k) for o, k in nouns if not re.search(r"\b(?:before|after|until|replaces?|replacing)\s+"
                                                       r"(?:each|every|the|a|an)?\s*(?:\w+\s+)?$",
                                                       lowered[max(0, o - 30):o])]
    nouns.sort()
    last_end = 0
    for i, (offset, kind) in enumerate(nouns):
        if kind == "cross" and "fixation" not in lowered[max(0, offset - 20):offset] and found and \
                found[-1].kind == "cross":
            continue
        start = max(last_end, offset - 45)
        head = clause[start:offset]
        head = re.split(r"\b(?:and|then|with|among|amongst|while|but)\b", head)[-1]
        nxt = nouns[i + 1][0] if i + 1 < len(nouns) else len(clause)
        tail = clause[offset:min(nxt, offset + 100)]
        words = (head + tail).strip()
        colours = [c for c, _ in colours_in(head, colour_names)]
        # 'squares (red, green, blue)', 'a word in white', 'the word RED drawn in blue': colours after the noun,
        # up to where the clause turns to responses or to another stimulus
        tail_part = re.split(r"\b(?:press|if|when|means|respond|among|amongst|on an?|background|and an?|and the|"
                             r"next to|beside|while)\b|,\s*(?:an?|the)\b", tail)[0]
        # 'a circle is either magenta or green', 'squares (red, green)', 'a word in white'
        # ... and 'two squares, one red and one orange' (a colour given to each of them)
        if re.search(r"\(|\b(?:in|coloured|colored|drawn in|printed in|written in|is|are|either|turns?)\b",
                     tail_part) or re.search(r",\s*one\b", tail_part):
            colours += [c for c, _ in colours_in(tail_part, colour_names)]
        role = _role_for(clause, offset)
        if kind == "cross" and ("fixation" in lowered or role == "stimulus"):
            role = "fixation"
        count = _count_before(clause[max(0, offset - 30):offset].split(",")[-1].replace(colours[0] if colours
                                                                                          else "\x00", "").strip()
                              ) or 1
        stim = Stimulus(role=role, kind=kind, colours=list(dict.fromkeys(colours)),
                        texts=_texts(words) if kind in ("text", "arrow") else [], positions=_positions(tail + head),
                        size=_size(tail), count=count, words=words)
        found.append(stim)
        last_end = offset + len(kind)
    items = re.search(r"(\d+)\s*items", clause)  # 'a display of 12 items': the count of the last stimulus
    if items and found:
        found[-1].count = max(found[-1].count, int(items.group(1)))
    return found


def _answer_phrases(clause: str, keys: list[tuple[str, int]]) -> list[Answer]:
    """Which condition each key answers: 'press f if the target is present', 'a green circle means press space',
    'd for different'. The condition is the words after the key (if/when/for ...), or before it."""
    answers = []
    for i, (key, offset) in enumerate(keys):
        end = keys[i + 1][1] if i + 1 < len(keys) else len(clause)
        after = clause[offset:end]
        after = re.sub(r"^\S+(?:\s+(?:key|arrow|bar|keys))?['\"’”]?", "", after).strip(" ,.:")
        after = re.sub(r"^instead\s+", "", after, flags=re.I)  # 'press p instead whenever it is green'
        after = re.split(r"\b(?:and|or)\s+(?:press\s+)?(?:the\s+)?(?=['\"]?\w['\"]?\b)", after)[0]
        condition = ""
        m = re.match(r"(?:if|when|whenever|for|to indicate|to say|=|means|on|is)\s+(.*)", after, re.I)
        if re.match(r"(?:otherwise|else|in all other cases|for (?:all )?(?:the )?(?:others|rest))\b", after, re.I):
            condition = "otherwise"  # 'left if the mark is left of centre and right otherwise'
        elif m:
            condition = re.split(r"\s*,\s*|\s+and\s+(?:press|the)|\.", m.group(1))[0]
        else:
            prev_end = keys[i - 1][1] + 1 if i else 0
            before = clause[prev_end:offset]
            m = re.search(r"([\w\s-]+?)\s+(?:means|=|:|->|→)\s*(?:\(?\s*(?:press|go|respond with)\s*){0,2}(?:the\s+)?"
                          r"['\"‘“]?$", before, re.I)
            if m:
                condition = m.group(1)
        condition = re.sub(r"^(?:it is|it's|it was|they are|the \w+ (?:is|was|has|came)|the|a|an|it)\s+", "",
                           condition.strip(), flags=re.I)
        condition = re.sub(r"\s+(?:and|or|but)$", "", condition.strip(" ,.()'\""))
        answers.append(Answer(key, condition))
    return answers


def _on_colour(text: str, colour_names: set[str]):
    """'... for 450 ms on black.': a colour alone after 'on' at a clause's end is the background (a match whose
    group 1 is the colour), else None."""
    for m in re.finditer(r"\bon\s+(?:an?\s+)?([a-z]+)\s*(?=[.;,!?]|$)", text, re.I):
        if colours_in(m.group(1), colour_names):
            return m
    return None


def _arrow_keys_by_direction(text: str) -> list[Answer]:
    """'A black arrow pointing up, down, left or right ... Respond with the matching arrow key', 'press the arrow
    key on the side of the larger one': arrow keys named by the directions the description gives (in the order
    written; a place above or below, 'top', 'bottom', is the up or down key), each answering its own direction.
    Only where no key was named and at least two directions are."""
    if not re.search(r"\barrow[- ]keys?\b", text, re.I):
        return []
    sides = {"top": "up", "above": "up", "bottom": "down", "below": "down"}  # places named for the up/down keys
    directions = list(dict.fromkeys(sides.get(m.group(1).lower(), m.group(1).lower()) for m in
                                    re.finditer(r"\b(up|down|left|right|top|bottom|above|below)\b", text, re.I)))
    return [Answer(d, d) for d in directions] if len(directions) >= 2 else []


def read_spec(description: str, colour_names: set[str] | frozenset[str]) -> Spec:
    """The Spec of `description`; `colour_names` are PsychoPy's (psychopy.colors.colorNames)."""
    colour_names = set(colour_names)
    spec = Spec(description=description.strip())
    text = spec.description
    spec.trials, spec.practice = trials_in(text)
    # 'on a black background', 'a grey background', 'dots ... on a black screen' ('a grey screen for 1 s' is a
    # screen shown, not the background)
    m = re.search(r"(?:on an?|an?|with an?|use an?)\s+([a-z ]+?)\s+background", text, re.I) or \
        re.search(r"\bon an?\s+([a-z ]+?)\s+screen\b", text, re.I) or \
        re.search(r"background (?:is|of|colou?r)?\s*([a-z ]+)", text, re.I) or \
        _on_colour(text, colour_names)
    if m:
        named = colours_in(m.group(1), colour_names)
        spec.background = named[-1][0] if named else ""
    used_keys: set[str] = set()
    pending: list[tuple[int, list]] = []
    # 'Dot-probe: two words ...', 'Simon task - a square ...': the paradigm's name is a title, not a stimulus
    body = re.sub(r"^\s*[A-Za-z][\w/' -]{0,40}?\s*(?::|\s-\s|\s–\s)\s*(?=\S)", "", text, count=1) \
        if re.match(r"^\s*[A-Za-z][\w/' -]{0,40}?\s*(?::|\s-\s|\s–\s)", text) and \
        not re.match(r"^\s*(?:keys?|press|respond)\b", text, re.I) else text
    for clause in clauses(body):
        c_lower = clause.lower()
        durations = durations_in(clause)
        keys = keys_in(clause)
        read_something = False
        if keys:
            read_something = True
            for answer in _answer_phrases(clause, keys):
                if answer.key not in used_keys:
                    used_keys.add(answer.key)
                    spec.answers.append(answer)
            if any(w in c_lower for w in NO_RESPONSE):
                m = re.search(r"(?:except(?: for)?|but not)\s+(?:the\s+)?(\w+)", clause, re.I)
                n = re.search(r"(?:an?|the)?\s*([\w\s]+?)\s+means\s+(?:no-go\b|no go\b|do nothing|don't|do not|"
                              r"withhold)", clause, re.I)
                spec.no_go = re.sub(r"^(?:an?|the)\s+", "", (m or n).group(1).strip()) if (m or n) else "no-go"
            elif re.search(r"\bonly\b", c_lower):
                spec.no_go = "other"
        feedback = "feedback" in c_lower
        for seconds, frames, offset in durations:
            read_something = True
            if feedback and seconds is not None:
                spec.feedback_s = seconds
            elif _near(clause, offset, UNTIL_RESPONSE):
                continue
            elif _is_window(clause, offset) and seconds is not None:
                spec.response_s = seconds
            elif _is_iti(clause, offset) and seconds is not None:
                spec.iti_s = seconds
        if feedback:
            read_something = True
            named = colours_in(clause, colour_names)
            spec.feedback_colour = named[0][0] if named else spec.feedback_colour
            if spec.feedback_s is None:
                spec.feedback_s = 0.0  # asked for, no duration stated: the composer's default
            continue
        stimuli = _stimuli_in(clause, colour_names)
        # without a key in it, 'except' leaves items out of a set ('numbers 1-9 except 5 appear for 750 ms'), it
        # asks for no response only beside a key ('press space for every letter except X')
        if keys or any(w in c_lower for w in NO_RESPONSE if w != "except"):
            # a response clause: its colours and shapes name conditions ('a green circle means press space'):
            # alternatives of a stimulus already read, or a stimulus of its own, never a screen
            for stim in stimuli:
                same = [k for k in spec.stimuli if k.kind == stim.kind]
                if same:
                    same[0].colours += [c for c in stim.colours if c not in same[0].colours]
                else:
                    stim.positions = []
                    _merge(spec, stim)
            main = [k for k in spec.stimuli if k.role != "fixation"]
            # 'press space for a gold star and do nothing for a silver one': a colour of the stimulus just named
            ones = [c for c, o in colours_in(clause, colour_names) if re.match(r"[a-z]+\s+ones?\b", c_lower[o:])]
            named_here = [k for k in spec.stimuli if stimuli and k.kind == stimuli[0].kind] or main
            if ones and named_here:
                named_here[0].colours += [c for c in ones if c not in named_here[0].colours]
            if not stimuli and main and re.search(r"\b(?:it|it's|they|they're)\b", c_lower):
                # 'when it is yellow, press j', 'if it turns red': a colour of the stimulus already described,
                # after the colour its own clause gave it ('a circle flashes ..., usually white')
                named = [c for c, _o in colours_in(clause, colour_names)]
                if named and not main[0].colours:
                    main[0].colours = [c for c, _o in colours_in(main[0].words, colour_names)]
                main[0].colours += [c for c in named if c not in main[0].colours]
            continue
        screen_durations = [(s, f, o) for s, f, o in durations
                            if not _is_window(clause, o) and not _is_iti(clause, o) and
                            not _near(clause, o, UNTIL_RESPONSE)]
        # a duration that varies ('for either 400 or 800 ms'): one entry, its first value, the rest kept aside
        varying: list[tuple[str, list[float]]] = []
        for kind, values, start, end in duration_sets(clause):
            inside = [d for d in screen_durations if start <= d[2] < end]
            if inside:
                screen_durations = [d for d in screen_durations if d not in inside[1:]]
                screen_durations[screen_durations.index(inside[0])] = (values[0], None, inside[0][2])
                varying.append((kind, values))
        pending.append((len(spec.screens), varying))  # the screens this clause makes get them (below)
        m = re.match(r"(?:and\s+)?after\s+" + _NUM + r"\s*(ms|s|seconds?|milliseconds?)", clause, re.I) or \
            re.search(r"(?:^|\s)after\s+(?:a\s+)?" + _NUM + r"\s*(ms|s|seconds?|milliseconds?)\b", clause, re.I)
        if m and stimuli:
            value = float(m.group(1)) / (1000 if m.group(2).lower().startswith("m") else 1)
            if re.match(r"\s*(?:of\s+)?fixation", clause[m.end():], re.I):
                fixation = [st for st in stimuli if st.role == "fixation"]
                stimuli = [st for st in stimuli if st.role != "fixation"]
                for st in fixation:
                    _merge(spec, st)
                spec.screens.append(Screen("fixation", ["fixation"], round(value, 4), None, m.group(0)))
            else:
                spec.screens.append(Screen("blank", [], round(value, 4), None, m.group(0)))
            screen_durations = [d for d in screen_durations if abs(d[2] - m.start(1)) > 2]
        if not stimuli and spec.stimuli and _REFERENCE.search(c_lower):
            # 'each shape is white and shown for 500 ms with a 1 s blank between': what was described already
            read_something = True
            shown = [st for st in spec.stimuli if st.role != "fixation"]
            named = [c for c, _ in colours_in(clause, colour_names)]
            for st in shown:
                st.colours = st.colours or list(dict.fromkeys(named))
            names = [st.name for st in shown]
            display = [d for d in screen_durations if not _is_gap(clause, d[2])]
            target = next((sc for sc in reversed(spec.screens) if set(names) & set(sc.stimuli)), None)
            if display and target is None:
                spec.screens.append(Screen("stimulus", names, display[0][0], display[0][1], clause))
            elif display and target.seconds is None and target.frames is None:
                target.seconds, target.frames = display[0][0], display[0][1]
            for gap_s, gap_f, _o in (d for d in screen_durations if _is_gap(clause, d[2])):
                spec.screens.append(Screen("blank", [], gap_s, gap_f, clause))
            continue
        if re.search(r"\bmasks?\b", c_lower) and not stimuli and \
                not re.search(r"gauss|raised.cosine|circular mask|aperture", c_lower) and screen_durations:
            # 'followed by a 900 ms mask', 'a mask of XXXX for 12 frames': a pattern mask of its own
            stimuli.append(Stimulus(role="mask", kind="text", texts=_texts(clause) or ["#####"], words=clause))
        if stimuli:
            # what is shown for how long ('for 3 frames') before the pauses after it ('50 ms apart')
            screen_durations.sort(key=lambda d: (not _is_display(clause, d[2]), _is_gap(clause, d[2])))
            read_something = True
            for stim in stimuli:
                _merge(spec, stim)
            drawn = [s.name for s in stimuli]
            role = stimuli[0].role if stimuli[0].role != "distractor" else "target"
            name = {"fixation": "fixation", "cue": "cue", "mask": "mask", "prime": "prime", "probe": "probe",
                    "memory": "memory"}.get(role, "stimulus")
            seconds, frames = (screen_durations[0][0], screen_durations[0][1]) if screen_durations else (None, None)
            if name == "fixation" and _near(clause, 0, ITI_WORDS, 0, len(clause)):
                spec.iti_s = spec.iti_s if spec.iti_s is not None else seconds
                continue  # 'a fixation cross for 1 s before the next trial' is the inter-trial interval
            spec.screens.append(Screen(name, list(dict.fromkeys(drawn)), seconds, frames, clause))
            for extra_s, extra_f, _o in screen_durations[1:]:
                if (extra_s is not None and extra_s != spec.response_s) or extra_f is not None:
                    # 'each for 400 ms with 600 ms in between': the second number is a blank after it
                    spec.screens.append(Screen("blank", [], extra_s, extra_f, clause))
        elif any(re.search(r"\b" + w + r"\b", c_lower) for w in BLANK_WORDS) and screen_durations:
            read_something = True
            spec.screens.append(Screen("blank", [], screen_durations[0][0], screen_durations[0][1], clause))
        elif screen_durations and spec.screens and spec.screens[-1].seconds is None and \
                spec.screens[-1].frames is None:
            read_something = True
            spec.screens[-1].seconds, spec.screens[-1].frames = screen_durations[0][0], screen_durations[0][1]
        if not read_something and not re.search(r"\btrials?\b|\brecord|\bsave|\bbackground", c_lower):
            spec.free_text.append(clause)
    if not spec.answers:
        spec.answers = _arrow_keys_by_direction(body)
    for i, (first, varying) in enumerate(pending):
        last = pending[i + 1][0] if i + 1 < len(pending) else len(spec.screens)
        for kind, values in varying:
            for screen in spec.screens[first:last]:
                if screen.vary is None and screen.seconds == values[0]:
                    screen.vary = (kind, values)
                    break
    _order(spec)
    return spec


def _merge(spec: Spec, stim: Stimulus) -> None:
    """A stimulus mentioned again (same role and kind) adds its colours/texts/positions to the first mention."""
    for known in spec.stimuli:
        if known.role == stim.role and known.kind == stim.kind:
            known.colours += [c for c in stim.colours if c not in known.colours]
            known.texts += [t for t in stim.texts if t not in known.texts]
            known.positions += [p for p in stim.positions if p not in known.positions]
            known.count = max(known.count, stim.count)
            known.size = known.size or stim.size
            return
    names = {s.name for s in spec.stimuli}
    if stim.name in names:  # a second target of another kind: 'target2'
        stim.role = f"{stim.role}{sum(1 for s in spec.stimuli if s.role.startswith(stim.role)) + 1}"
    spec.stimuli.append(stim)


def _order(spec: Spec) -> None:
    """Fixation first (it was often mentioned last: 'a fixation cross of 0.5 s precedes each trial'); a stimulus
    screen added when stimuli were read but no clause showed them (the response screen is the last one that
    draws something)."""
    fixation = [s for s in spec.screens if s.name == "fixation"]
    rest = [s for s in spec.screens if s.name != "fixation"]
    spec.screens = fixation[:1] + rest
    if not any(s.stimuli for s in spec.screens if s.name != "fixation") and spec.stimuli:
        spec.screens.append(Screen("stimulus", [s.name for s in spec.stimuli if s.role != "fixation"]))
