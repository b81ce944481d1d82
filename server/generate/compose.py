"""Write a PsychoPy script from a Spec, out of composable parts: a window, one constructor per stimulus kind, a
condition list whose rows say what differs between trials and which key is correct, a trial function whose
screens are drawn for a counted number of frames, a response read from the hardware Keyboard timed from the
flip that showed the stimulus, feedback, an inter-trial interval, and the data saved by an ExperimentHandler.

Pure: Spec in, source text out (with the assumptions it had to make, said in words). Nothing is keyed on paradigm
names: what a condition changes is read from its own words (a colour, a side, a shape, a letter, present or
absent, odd or even, word or nonword, large or small, a direction, short or long).
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field

from .spec import POSITION_WORDS, SHAPES, Spec, Stimulus

# defaults a description rarely states, said in the report when used
DEFAULT_FEEDBACK_S = 0.5
DEFAULT_ITI_S = 0.5
DEFAULT_NO_GO_WINDOW_S = 1.5
DEFAULT_TRIALS = 20
FRAME_RATE = 60.0  # used when the display cannot measure its own

WORDS = ["house", "table", "river", "garden", "window", "doctor", "bread", "music", "forest", "paper", "chair",
         "water", "money", "sugar", "horse", "apple"]
NONWORDS = ["hause", "tible", "rivon", "gardle", "wondow", "doktel", "breap", "musog", "forist", "papel",
            "chaik", "wather", "monel", "sugor", "horke", "apfle"]
LETTERS = list("BCDFGHJKLMNPQRSTVWXZ")
VOWELS = list("AEIOU")
NONLIVING = ["table", "hammer", "chair", "cup", "spoon", "lamp", "brick", "kettle"]
LIVING = ["horse", "rabbit", "tiger", "sparrow", "salmon", "spider", "tree", "daisy"]
NEGATIVE = ["grief", "pain", "failure", "danger", "lonely", "cruel", "disease", "war"]
POSITIVE = ["joy", "smile", "gift", "sunshine", "friend", "laughter", "holiday", "kind"]
NEUTRAL = ["paper", "window", "street", "number", "table", "corner", "minute", "letter"]
FRUITS = ["apple", "banana", "cherry", "grape", "lemon", "mango", "peach", "plum"]
VEGETABLES = ["carrot", "onion", "potato", "pepper", "cabbage", "lettuce", "leek", "pea"]
# words for the categories a condition names ('e for living things', 'p for positive words'); the first pattern
# that matches wins, so a negated category comes before its positive form
CATEGORIES = [
    (r"non-?living|inanimate|man-?made|artefacts?|artifacts?|objects?|tools?", NONLIVING),
    (r"living|animate|animals?|natural", LIVING),
    (r"negative|unpleasant|sad|threat\w*|emotional", NEGATIVE),
    (r"positive|pleasant|happy", POSITIVE),
    (r"neutral", NEUTRAL),
    (r"fruits?", FRUITS),
    (r"vegetables?", VEGETABLES),
    (r"consonants?", LETTERS),
    (r"vowels?", VOWELS),
]
# the texts of the other answer ('e if it is a living thing, i if not'), both ways
OPPOSITE_POOLS = [(WORDS, NONWORDS), (LIVING, NONLIVING), (POSITIVE, NEGATIVE), (FRUITS, VEGETABLES),
                  (VOWELS, LETTERS)]
DIRECTIONS = {"left": (180, "<"), "right": (0, ">"), "up": (90, "^"), "down": (270, "v")}


@dataclass
class Composition:
    source: str
    assumptions: list[str] = field(default_factory=list)  # defaults used where the description said nothing
    unread: list[str] = field(default_factory=list)  # condition words no part could show (kept as labels)
    trial_s: float = 0.0  # about how long one trial lasts (screens, a plausible answer, feedback, ITI)


def _q(value) -> str:
    return repr(value)


def _colour_kw(stim: Stimulus, colour: str) -> str:
    if stim.kind in ("text", "cross", "arrow"):
        return f"color={_q(colour)}"
    if stim.kind == "line":
        return f"lineColor={_q(colour)}"
    if stim.kind == "grating":
        return f"color={_q(colour)}"
    return f"fillColor={_q(colour)}, lineColor={_q(colour)}"


def _base_size(stim: Stimulus) -> dict[str, float]:
    """The size arguments a stimulus is constructed with: the literals a condition's scale multiplies (never the
    stimulus's current size, which a previous trial's scale has already changed)."""
    size = stim.size
    if stim.kind in ("text", "cross", "arrow"):
        return {"height": size or (0.06 if stim.kind == "cross" else 0.08)}
    if stim.kind == "circle":
        return {"radius": size or 0.04}
    if stim.kind == "triangle":
        return {"radius": size or 0.06}
    if stim.kind == "square":
        return {"width": size or 0.08, "height": size or 0.08}
    if stim.kind == "rect":
        horizontal = "horizontal" in stim.words.lower() and "vertical" not in stim.words.lower()
        w, h = (0.15, 0.04) if horizontal else (0.04, 0.15)
        return {"width": w, "height": h}
    if stim.kind == "star":
        return {"size": size or 0.08}
    if stim.kind == "grating":
        return {"size": size or 0.25}
    if stim.kind == "line":
        return {"size": 1}  # a Line's size multiplies its start and end
    return {"height": 0.08}


def _size_kw(stim: Stimulus) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in _base_size(stim).items() if not (stim.kind == "line" and k == "size"))


def _constructor(stim: Stimulus, colour: str, text: str, pos: tuple[float, float]) -> str:
    where = f"pos={pos!r}"
    size = _size_kw(stim)
    if stim.kind in ("text", "cross", "arrow"):
        shown = "+" if stim.kind == "cross" else text
        return f"visual.TextStim(win, text={_q(shown)}, {size}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "circle":
        return f"visual.Circle(win, {size}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind in ("square", "rect"):
        turned = ", ori=45" if re.search(r"\bdiamonds?\b", stim.words, re.I) else ""  # a diamond: a square on its corner
        return f"visual.Rect(win, {size}, {_colour_kw(stim, colour)}, {where}{turned})"
    if stim.kind == "triangle":
        return f"visual.Polygon(win, edges=3, {size}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "star":
        return f"visual.ShapeStim(win, vertices='star7', {size}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "line":
        return f"visual.Line(win, start=(-0.3, 0), end=(0.3, 0), lineWidth=3, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "grating":
        colour_part = f", {_colour_kw(stim, colour)}" if colour else ""
        return f"visual.GratingStim(win, tex='sin', mask='gauss', sf=12, {size}{colour_part}, {where})"
    return f"visual.TextStim(win, text={_q(text or '?')}, {size}, {where})"


def _default_text(stim: Stimulus) -> str:
    if stim.texts:
        return stim.texts[0]
    words = stim.words.lower()
    if stim.kind == "arrow":
        return ">" * max(1, stim.count)
    if "digit" in words or "number" in words:
        return "5"
    if "word" in words or "string" in words:
        return WORDS[0]
    if "letter" in words:
        return LETTERS[0]
    return "X"


# ---- conditions ------------------------------------------------------------------------------------------------
def realize(phrase: str, stim: Stimulus, spec: Spec) -> dict:
    """What a condition's words change on the response stimulus: {colour, pos, shape, text, texts, present,
    scale, direction, same}; {} when none of its words can be shown. `same` (the probe repeats an earlier
    stimulus, or does not) is kept only where compose finds that earlier stimulus."""
    words = phrase.lower()
    out: dict = {}
    colours = [c for s in spec.stimuli for c in s.colours] + list(_COLOUR_HINTS)
    for colour in colours:
        if re.search(r"\b" + re.escape(colour) + r"\b", words):
            out["colour"] = colour
            break
    for word, pos in {**POSITION_WORDS, "up": (0.0, 0.3), "down": (0.0, -0.3)}.items():
        if re.search(r"\b" + word + r"\b", words) and word not in ("centre", "center", "middle"):
            if stim.kind in ("arrow", "triangle", "grating") or re.search(r"point|tilt|direction|facing", words):
                out["direction"] = word if word in DIRECTIONS else {"above": "up", "top": "up", "below": "down",
                                                                    "bottom": "down"}.get(word, word)
            else:
                out["pos"] = pos
            break
    kinds = {s.kind for s in spec.stimuli if s.role not in ("fixation", "distractor", "mask")}
    for noun, kind in SHAPES.items():
        # a shape word picks one of two or more described shapes (drawn only on its rows: see _draw)
        if re.search(r"\b" + noun + r"s?\b", words) and kind != "text" and kind in kinds and len(kinds) > 1:
            out["shape"] = kind
            break
    if re.search(r"\b(absent|not present|no target|missing)\b", words):
        out["present"] = False
    elif re.search(r"\bpresent\b", words):
        out["present"] = True
    if re.search(r"\bodd\b", words):
        out["texts"] = [t for t in (stim.texts or [str(i) for i in range(1, 10)]) if t.isdigit() and int(t) % 2]
    elif re.search(r"\beven\b", words):
        out["texts"] = [t for t in (stim.texts or [str(i) for i in range(1, 10)]) if t.isdigit() and not int(t) % 2]
    if re.search(r"\bnon-?words?\b|\bpseudo-?words?\b", words):
        out["texts"] = NONWORDS
    elif re.search(r"\b(?:real )?words?\b", words) and stim.kind == "text":
        out["texts"] = WORDS
    if re.search(r"\b(large|larger|big|bigger|long line)\b", words):
        out["scale"] = 1.6
    elif re.search(r"\b(small|smaller|little)\b", words):
        out["scale"] = 0.6
    if re.search(r"\b(?:not in the (?:memory )?set|not seen|different|differs?|new|change[sd]?|mismatch\w*)\b", words):
        out["same"] = False
    elif re.search(r"\b(?:same|identical|old|in the (?:memory )?set|seen before|match(?:es|ing|ed)?|repeat\w*)\b",
                   words):
        out["same"] = True
    if stim.kind == "text" and "texts" not in out:
        for pattern, pool in CATEGORIES:
            if re.search(r"\b(?:" + pattern + r")\b", words):
                out["texts"] = pool
                break
    letters = re.findall(r"(?<![A-Za-z])([A-Z])(?![A-Za-z])", phrase)
    quoted = re.findall(r"['\"]([^'\"]+)['\"]", phrase)
    if quoted or letters:
        out["text"] = (quoted or letters)[0]
    elif re.fullmatch(r"\d+", phrase.strip()):
        out["text"] = phrase.strip()
    return out


_COLOUR_HINTS = ("red", "green", "blue", "yellow", "white", "black", "orange", "purple")


def conditions(spec: Spec, stim: Stimulus) -> tuple[list[dict], list[str]]:
    """One row per kind of trial: {label, correct, ...what realize() read}; and the phrases nothing showed."""
    rows, unread = [], []
    answers = [a for a in spec.answers if a.key]
    conditioned = [a for a in answers if a.condition]
    if conditioned:
        for a in answers:
            change = realize(a.condition, stim, spec) if a.condition else {}
            if re.fullmatch(r"otherwise|else|(?:in )?all other cases|the rest|(?:if )?not|no|(?:it )?(?:is|was) not",
                            a.condition.lower()) and rows:
                change = _other(rows[0], stim)  # 'f if it is red and j otherwise'
            excluded = re.search(r"\b(?:except(?: for)?|but not|other than|apart from)\s+(?:the\s+|an?\s+)?(.+)",
                                 a.condition, re.I)
            if excluded:
                # 'every digit except 3', 'any letter but not X': all the others (what the words before the
                # exception say still holds)
                change = {**realize(a.condition[:excluded.start()], stim, spec),
                          **_complement(realize(excluded.group(1), stim, spec), stim)}
            if a.condition and not change:
                unread.append(a.condition)
            rows.append({"label": a.condition or a.key, "correct": a.key, **change})
    elif len(answers) > 1:
        # keys without stated meanings: a row per key; a direction or side word in the key names it
        for a in answers:
            change = realize(a.key, stim, spec) if a.key in DIRECTIONS else {}
            rows.append({"label": a.key, "correct": a.key, **change})
    elif answers:
        rows.append({"label": "go", "correct": answers[0].key})
    if spec.no_go:
        phrase = spec.no_go
        change = realize(phrase, stim, spec) if phrase not in ("other", "no-go") else {}
        if phrase == "other" and rows:
            change = _other(rows[0], stim)
        rows.append({"label": phrase if phrase not in ("other",) else "other", "correct": None, **change})
    if len(rows) == 1 and len(stim.colours) > 1 and "colour" not in rows[0]:
        rows = [{**rows[0], "label": c, "colour": c} for c in stim.colours]
    if any("shape" in row for row in rows):
        rows = [{**row, "shape": row.get("shape", stim.kind)} for row in rows]
    return rows, unread


def _complement(change: dict, stim: Stimulus) -> dict:
    """The trials that are not `change`'s: the other texts of the pool, the other colours, the other side."""
    if "text" in change:
        words = stim.words.lower()
        pool = stim.texts if len(stim.texts) > 1 else ([str(i) for i in range(1, 10)] if re.search(
            r"digit|number", words) else WORDS if "word" in words else LETTERS)
        others = [t for t in pool if t != change["text"]]
        return {"texts": others} if others else {}
    return _other(change, stim)


_OPPOSITE = {"left": "right", "right": "left", "up": "down", "down": "up"}


def _other(go_row: dict, stim: Stimulus) -> dict:
    """The trials that are not the first row's ('press space for purple ones only', 'f if it is red and j
    otherwise'): the stimulus's other colour or text, the mirrored side, the opposite direction."""
    if "colour" in go_row:
        others = [c for c in stim.colours if c != go_row["colour"]]
        if others:
            return {"colour": others[0]}
    if "text" in go_row:
        others = [t for t in stim.texts if t != go_row["text"]]
        if others:
            return {"text": others[0]}
    if "pos" in go_row:
        x, y = go_row["pos"]
        return {"pos": (-x, -y)}
    if "direction" in go_row:
        return {"direction": _OPPOSITE[go_row["direction"]]}
    if "present" in go_row:
        return {"present": not go_row["present"]}
    if "same" in go_row:
        return {"same": not go_row["same"]}
    if "texts" in go_row:
        return {"texts": _opposite_pool(go_row["texts"])}
    return {}


def _opposite_pool(pool: list[str]) -> list[str]:
    """The texts of the other answer: nonwords for words, the paired category (non-living for living)."""
    for one, other in OPPOSITE_POOLS:
        if pool == one:
            return other
        if pool == other:
            return one
    if all(t.isdigit() for t in pool):
        return [str(i) for i in range(1, 10) if str(i) not in pool]
    return NONWORDS


# ---- the script ------------------------------------------------------------------------------------------------
def _const(name: str) -> str:
    return re.sub(r"\W+", "_", name).upper()


def compose(spec: Spec, instructions: str = "") -> Composition:
    assumptions: list[str] = []
    stimuli = list(spec.stimuli)
    if not any(s.role != "fixation" for s in stimuli):
        stimuli.append(Stimulus(role="stimulus", kind="text", texts=["X"], words="a stimulus"))
        assumptions.append("no stimulus was described: a letter X is shown")
    screens = [s for s in spec.screens if s.name != "fixation" or any(st.role == "fixation" for st in stimuli)]
    shown = [s for s in screens if s.stimuli]
    # the answer is to the last screen that shows something other than a fixation or a mask
    stimulus_screens = [s for s in shown if any(st.name in s.stimuli and st.role not in ("fixation", "mask")
                                                for st in stimuli)]
    response_screen = (stimulus_screens or shown or [None])[-1]
    main = next((s for s in stimuli if response_screen and s.name in response_screen.stimuli and
                 s.role not in ("fixation", "distractor", "cue", "mask")), None) or \
        next(s for s in stimuli if s.role != "fixation")
    rows, unread = conditions(spec, main)
    timed = _timed_screen(screens, response_screen)
    if timed is not None:
        # 'press s for short and l for long': the row picks the shortest or the longest of the durations
        for row in rows:
            label = row["label"].lower()
            if re.search(r"\b(?:short(?:er)?|brief(?:er)?)\b", label):
                row["seconds"] = min(timed.vary[1])
            elif re.search(r"\blong(?:er)?\b", label):
                row["seconds"] = max(timed.vary[1])
        unread = [u for u in unread if not any(r["label"] == u and "seconds" in r for r in rows)]
    sample = _sample_for(main, stimuli, screens, response_screen)
    if sample is None and any("same" in row for row in rows):
        # nothing earlier to match: 'same'/'different' cannot be shown, so say so instead of pretending
        rows = [{k: v for k, v in row.items() if k != "same"} for row in rows]
        unread += [row["label"] for row in rows if row["correct"] is not None and set(row) <= {"label", "correct"}
                   and len(rows) > 1]
    if not rows:
        rows = [{"label": "go", "correct": "space"}]
        assumptions.append("no response key was described: space")
    keys = list(dict.fromkeys(r["correct"] for r in rows if r["correct"])) or ["space"]
    trials = spec.trials or DEFAULT_TRIALS
    if not spec.trials:
        assumptions.append(f"no number of trials was stated: {DEFAULT_TRIALS}")
    window_s = spec.response_s
    if window_s is None and any(r["correct"] is None for r in rows):
        window_s = DEFAULT_NO_GO_WINDOW_S
        assumptions.append(f"no-go trials need a response window: {DEFAULT_NO_GO_WINDOW_S} s")
    after_response = response_screen is not None and screens.index(response_screen) < len(screens) - 1
    # a pause after the stimulus ('with a 1 s blank between') is the interval between trials
    iti = spec.iti_s if spec.iti_s is not None else (0.0 if after_response else DEFAULT_ITI_S)
    if spec.iti_s is None and not after_response:
        assumptions.append(f"no inter-trial interval was stated: {DEFAULT_ITI_S} s")
    feedback = spec.feedback_s is not None
    feedback_s = spec.feedback_s or DEFAULT_FEEDBACK_S
    if feedback and not spec.feedback_s:
        assumptions.append(f"no feedback duration was stated: {DEFAULT_FEEDBACK_S} s")

    out: list[str] = []
    add = out.append
    description = spec.description.replace('"""', "'''").replace("\\", "\\\\")
    add('"""' + textwrap.fill(description, 110, break_long_words=False, break_on_hyphens=False) + "\n\nWritten by psychopy-lsp from the description above."
        "\n\"\"\"")
    add("import random\n\nfrom psychopy import core, data, visual\nfrom psychopy.hardware import keyboard\n")
    add(f"N_TRIALS = {trials}")
    if spec.practice:
        add(f"N_PRACTICE = {spec.practice}")
    add(f"KEYS = {keys!r}")
    consts: dict[int, str] = {}  # id(screen) -> the constant that holds its duration
    varying: list[tuple] = []  # (local name, constant, choice | range, a row picks it) for durations drawn per trial
    for i, screen in enumerate(screens):
        name = _const(screen.name) + (f"_{i}" if sum(1 for s in screens if s.name == screen.name) > 1 else "")
        if screen.vary is not None:
            # drawn per trial at the start of run_trial: the frame count comes from that local variable
            kind, values = screen.vary
            consts[id(screen)] = name.lower() + "_s"
            picked = screen is timed and any("seconds" in row for row in rows)  # a row's short/long picks it
            varying.append((name.lower() + "_s", f"{name}_S", kind, picked))
            add(f"{name}_S = {tuple(values)!r}  # " + ("one of these per trial" if kind == "choice" else
                                                       "shortest and longest: drawn per trial"))
        elif screen.frames is not None:
            consts[id(screen)] = f"{name}_FRAMES"
            add(f"{name}_FRAMES = {screen.frames!r}")
        elif screen.seconds is not None:
            consts[id(screen)] = f"{name}_S"
            add(f"{name}_S = {screen.seconds!r}")
    if window_s is not None:
        add(f"RESPONSE_S = {window_s!r}  # the response window")
    if iti:
        add(f"ITI_S = {iti!r}")
    if feedback:
        add(f"FEEDBACK_S = {feedback_s!r}")
    background = spec.background or ("white" if any("black" in s.colours for s in stimuli) and not
                                     any("white" in s.colours for s in stimuli) else "grey")
    add(f"\nwin = visual.Window([1024, 768], units='height', color={background!r}, fullscr=False)")
    add(f"frame_rate = win.getActualFrameRate(nIdentical=10, nMaxFrames=120) or {FRAME_RATE}")
    add("kb = keyboard.Keyboard()")
    add("thisExp = data.ExperimentHandler(name='experiment', dataFileName='data/experiment', savePickle=False)")
    add("\n\ndef frames(seconds):\n    \"\"\"A duration as a whole number of frames of this display.\"\"\"\n"
        "    return max(1, round(seconds * frame_rate))\n")

    # stimuli
    add("\n# stimuli")
    for stim in stimuli:
        colour = stim.colours[0] if stim.colours else ("white" if stim.kind in ("text", "cross", "arrow") and
                                                       background != "white" else "black")
        pos = stim.positions[0] if stim.positions else (0.0, 0.0)
        text = _default_text(stim)
        if stim.count > 1 and stim.kind != "arrow":
            colours = stim.colours or [colour]
            add(f"{stim.name}_colours = {colours!r}")
            add(f"{stim.name} = [{_constructor(stim, colour, text, pos)} for _ in range({stim.count})]")
            add(f"for i, item in enumerate({stim.name}):\n" +
                _indent([_recolour(stim, "item", f"{stim.name}_colours[i % len({stim.name}_colours)]")], 4))
            if not stim.positions:
                # evenly round the centre, so that no two overlap (a search display scatters them per trial)
                ring = [(round(0.25 * math.cos(2 * math.pi * i / stim.count), 3) + 0.0,
                         round(0.25 * math.sin(2 * math.pi * i / stim.count), 3) + 0.0) for i in range(stim.count)]
                add(f"for item, where in zip({stim.name}, {ring!r}):\n    item.pos = where")
        else:
            add(f"{stim.name} = {_constructor(stim, colour, text, pos)}")
    if feedback:
        colour = spec.feedback_colour or ("black" if background == "white" else "white")
        add(f"feedback = visual.TextStim(win, text='', height=0.06, color={colour!r})")
    message = instructions or _instructions(rows)
    add(f"instructions = visual.TextStim(win, text={message!r}, height=0.04, wrapWidth=1.2, "
        f"color={'black' if background == 'white' else 'white'!r})")

    # conditions
    add("\n# one row per kind of trial; `correct` is the key that answers it (None: no response is correct)")
    add("conditions = [")
    for row in rows:
        add(f"    {row!r},")
    add("]")
    add("trial_list = [conditions[i % len(conditions)] for i in range(N_TRIALS)]")
    add("random.shuffle(trial_list)")

    add(_trial_function(stimuli, screens, consts, response_screen, main, window_s, rows, sample, varying))
    add(_main_part(spec, iti))
    source = "\n".join(out) + "\n"
    return Composition(source, assumptions, unread, _trial_seconds(screens, response_screen, window_s, iti,
                                                                    feedback_s if feedback else 0.0))


def _timed_screen(screens, response_screen):
    """The screen whose duration a condition can pick ('short' / 'long'): the response screen when its duration
    is one of several, else the first such screen."""
    if response_screen is not None and response_screen.vary and response_screen.vary[0] == "choice":
        return response_screen
    return next((s for s in screens if s.vary and s.vary[0] == "choice"), None)


def _trial_seconds(screens, response_screen, window_s, iti: float, feedback_s: float) -> float:
    """One trial's length, for the verification run's budget: a long trial (a 2 s memory set, a 1 s retention
    interval) must still give the emulated participant enough trials to answer."""
    total = iti + feedback_s
    for screen in screens:
        if screen is not response_screen:
            total += max(screen.vary[1]) if screen.vary else screen.seconds if screen.seconds is not None else \
                (screen.frames or 30) / FRAME_RATE
    answer = 1.0  # a plausible reaction time
    shown = response_screen.seconds if response_screen is not None and response_screen.seconds is not None else \
        (response_screen.frames / FRAME_RATE if response_screen is not None and response_screen.frames else 0.0)
    return total + max(shown, min(answer, window_s if window_s is not None else answer))


def _colour_attr(stim: Stimulus) -> str:
    """The attribute that colours a stimulus of this kind (a shape's outline follows its fill: see _recolour)."""
    if stim.kind in ("text", "cross", "arrow", "grating"):
        return "color"
    return "lineColor" if stim.kind == "line" else "fillColor"


def _recolour(stim: Stimulus, target: str, value: str) -> str:
    """`target.<attr> = value`, and the outline too for a filled shape."""
    attr = _colour_attr(stim)
    line = f"{target}.{attr} = {value}"
    return line + (f"\n{target}.lineColor = {target}.fillColor" if attr == "fillColor" else "")


def _instructions(rows: list[dict]) -> str:
    parts = [f"press {r['correct'].upper() if len(r['correct']) == 1 else r['correct']} for {r['label']}"
             if r["correct"] and r["label"] != r["correct"] else f"press {r['correct']}" for r in rows if r["correct"]]
    nogo = [r["label"] for r in rows if not r["correct"]]
    text = "; ".join(dict.fromkeys(parts)).capitalize() + "."
    if nogo:
        text += f" Do not press anything for {', '.join(nogo)}."
    return text + "\n\nAnswer as fast and as accurately as you can.\nPress space to start."


def _apply_condition(stimuli: list[Stimulus], main: Stimulus, rows: list[dict]) -> list[str]:
    """Lines at the start of run_trial that set what the row changes (only what some row changes, and the
    alternatives the description gave: 'a blue or orange square', 'on the left or right')."""
    m = main.name
    changes = {key for row in rows for key in row}
    scatter = "item.pos = (random.uniform(-0.5, 0.5), random.uniform(-0.4, 0.4))"
    lines = [f"    for item in {other.name}:\n        {scatter}" for other in stimuli
             if other.role == "distractor" and other.count > 1]
    # 'a fixation cross that is either white or cyan': any other one stimulus of several colours, one per trial
    lines += [_indent([_recolour(other, other.name, f"random.choice({other.colours!r})")], 4) for other in stimuli
              if other is not main and other.count <= 1 and len(other.colours) > 1]
    if main.count > 1 and main.kind != "arrow":
        return [f"    shown = list({m})", f"    for item in shown:\n        {scatter}"] + lines
    if not main.positions and any(o.role == "distractor" for o in stimuli):
        lines.append(f"    {m}.pos = (random.uniform(-0.5, 0.5), random.uniform(-0.4, 0.4))")
    if "colour" in changes:
        lines.append("    if 'colour' in trial:\n" + _indent([_recolour(main, m, "trial['colour']")], 8))
    if len(main.colours) > 1:
        pick = _recolour(main, m, f"random.choice({main.colours!r})")
        lines.append("    else:\n" + _indent([pick], 8) if "colour" in changes else _indent([pick], 4))
    positions = main.positions
    if "pos" in changes:
        lines.append(f"    if 'pos' in trial:\n        {m}.pos = trial['pos']")
    if len(positions) > 1:
        lines.append(f"    else:\n        {m}.pos = random.choice({positions!r})" if "pos" in changes else
                     f"    {m}.pos = random.choice({positions!r})")
    if main.kind in ("text", "arrow"):
        pool = main.texts if len(main.texts) > 1 else None
        if main.kind == "arrow" and "direction" in changes:
            lines.append(f"    if 'direction' in trial:\n        {m}.text = {{'left': '<', 'right': '>', 'up': '^', "
                         f"'down': 'v'}}[trial['direction']] * {max(1, main.count)}")
        choices = []
        if "text" in changes:
            choices.append(f"if 'text' in trial:\n        {m}.text = trial['text']")
        if "texts" in changes:
            choices.append(f"if 'texts' in trial:\n        {m}.text = random.choice(trial['texts'])")
        if pool:
            choices.append(f"{m}.text = random.choice({pool!r})")
        elif "letter" in main.words.lower() and not main.texts:
            choices.append(f"{m}.text = random.choice({LETTERS!r})")
        for i, choice in enumerate(choices):
            last = i == len(choices) - 1 and not choice.startswith("if ")
            if i == 0:
                lines.append("    " + choice)
            elif last:
                lines.append(f"    else:\n        {choice}")
            else:
                lines.append("    el" + choice)
    elif "direction" in changes:
        angles = {"left": 270, "right": 90, "up": 0, "down": 180} if main.kind == "triangle" else \
            {"left": -45, "right": 45, "up": 0, "down": 90}  # a triangle points up at ori 0; ori turns clockwise
        lines.append(f"    if 'direction' in trial:\n        {m}.ori = {angles!r}[trial['direction']]")
    if "scale" in changes:
        for attr, base in _base_size(main).items():
            value = "trial.get('scale', 1)" if main.kind == "line" else f"{base!r} * trial.get('scale', 1)"
            lines.append(f"    {m}.{attr} = {value}")
    return lines


def _sample_for(main: Stimulus, stimuli: list[Stimulus], screens, response_screen) -> Stimulus | None:
    """The earlier stimulus a probe is compared with ('same as the sample', 'was it in the memory set'): one of the
    same family (text with text, shape with shape) shown on a screen before the response screen."""
    earlier: list[str] = []
    for screen in screens:
        if screen is response_screen:
            break
        earlier += screen.stimuli
    textual = main.kind in ("text", "arrow")
    for stim in stimuli:
        if stim is not main and stim.name in earlier and stim.role not in ("fixation", "mask", "cue", "distractor") \
                and (stim.kind in ("text", "arrow")) == textual:
            return stim
    return None


def _match_sample(sample: Stimulus, main: Stimulus) -> list[str]:
    """Lines that make the probe repeat the sample on `same` rows and differ from it on the others."""
    s, m = sample.name, main.name
    if main.kind in ("text", "arrow"):
        pool = list(dict.fromkeys(sample.texts + main.texts)) if len(sample.texts + main.texts) > 2 else \
            (WORDS if "word" in (sample.words + main.words).lower() else
             [str(i) for i in range(1, 10)] if re.search(r"digit|number", (sample.words + main.words).lower())
             else LETTERS)
        size = max(1, sample.count if sample.count > 1 else (4 if re.search(r"\bset|list\b", sample.words) else 1))
        return [f"    pool = {pool!r}",
                f"    memory = random.sample(pool, {min(size, len(pool) - 1)})",
                f"    {s}.text = ' '.join(memory)",
                f"    {m}.text = random.choice(memory if trial.get('same') else [t for t in pool if t not in memory])"]
    stated = list(dict.fromkeys(sample.colours + main.colours)) or list(_COLOUR_HINTS)
    colours = stated + [c for c in _COLOUR_HINTS if c not in stated][: max(0, sample.count + 1 - len(stated))]
    items = s if sample.count > 1 else f"[{s}]"
    lines = [f"    colours = {colours!r}",
             f"    shown_colours = random.sample({stated!r}, {min(max(1, sample.count), len(stated))})",
             f"    for item, colour in zip({items}, shown_colours):",
             _indent([_recolour(sample, "item", "colour")], 8),
             "    others = [c for c in colours if c not in shown_colours]",
             _indent([_recolour(main, m, "random.choice(shown_colours) if trial.get('same') else "
                                "random.choice(others)")], 4)]
    return lines


def _draw(names: list[str], stimuli: list[Stimulus], main: Stimulus, rows: list[dict]) -> list[str]:
    """The draw calls of one screen. A stimulus whose kind a row picks (`shape`) is drawn on that row only; the
    response stimulus is not drawn on target-absent rows."""
    lines = []
    by_name = {s.name: s for s in stimuli}
    shapes = {row["shape"] for row in rows if "shape" in row}
    for name in names:
        stim = by_name.get(name)
        if stim is None:
            continue
        tests = []
        if stim is main and any("present" in row for row in rows):
            tests.append("trial.get('present', True)")
        if stim.kind in shapes and stim.role not in ("fixation", "distractor", "mask"):
            tests.append(f"trial['shape'] == {stim.kind!r}")
        if stim.count > 1 and stim.kind != "arrow":
            draw = f"for item in {'shown' if stim is main else name}:\n    item.draw()"
        else:
            draw = f"{name}.draw()"
        lines.append(f"if {' and '.join(tests)}:\n" + _indent([draw], 4) if tests else draw)
    return lines


def _indent(lines: list[str], n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line.replace("\n", "\n" + pad) for line in lines)


def _trial_function(stimuli, screens, consts: dict[int, str], response_screen, main, window_s, rows,
                    sample=None, varying=()) -> str:
    out = ["\n\ndef run_trial(trial):",
           '    """Show one trial; return the key pressed (None: no response) and its reaction time in seconds."""']
    out += _apply_condition(stimuli, main, rows)
    if sample is not None and any("same" in row for row in rows):
        out += _match_sample(sample, main)
    for local, const, kind, picked in varying:
        if kind == "range":
            out.append(f"    {local} = random.uniform(*{const})  # a new duration every trial")
        elif picked:
            out.append(f"    {local} = trial['seconds'] if 'seconds' in trial else random.choice({const})")
        else:
            out.append(f"    {local} = random.choice({const})")
    for screen in screens:
        if screen is response_screen:
            break
        out.append(f"    # {screen.name}")
        out.append(_show(_n_frames(screen, consts), _draw(screen.stimuli, stimuli, main, rows)))
    # the response: the keyboard's clock starts at the flip that shows the stimulus; the screens after it (a mask,
    # a blank) follow by frame count while the answer is still collected; a screen without a duration stays
    # until the answer, and what comes after that is shown after the answer
    sequence: list = []
    after: list = []
    if response_screen is not None:
        for screen in screens[screens.index(response_screen):]:
            if after or (sequence and _n_frames(sequence[-1], consts) is None):
                after.append(screen)
            else:
                sequence.append(screen)
    ends: list[str] = []
    for i, screen in enumerate(sequence):
        count = _n_frames(screen, consts)
        if count is None:
            break
        ends.append(f"end_{i + 1}")
        out.append(f"    end_{i + 1} = {count}" + (f" + end_{i}" if i else "") + f"  # the {screen.name} ends")
    chain: list[str] = []
    for i, screen in enumerate(sequence):
        draws = _draw(screen.stimuli, stimuli, main, rows) or ["pass"]
        test = ("if" if i == 0 else "elif") + f" frame < {ends[i]}:" if i < len(ends) else ("else:" if i else None)
        chain += [test, _indent(draws, 4)] if test else draws
    total = ends[-1] if ends and len(ends) == len(sequence) else None
    out.append("    # the response: timed from the flip that shows the stimulus, earlier presses discarded")
    out.append("    kb.clearEvents()\n    win.callOnFlip(kb.clock.reset)\n    keys = []\n    frame = 0")
    # (frame 0: the clock still runs from the previous trial until the first flip resets it)
    condition = "not keys" + (" and (frame == 0 or kb.clock.getTime() < RESPONSE_S)" if window_s is not None
                              else "")
    out.append(f"    while {condition}:")
    out.append(_indent(chain or ["pass"], 8))
    out.append("        win.flip()\n        frame += 1\n        keys = kb.getKeys(keyList=KEYS + ['escape'], "
               "waitRelease=False)")
    out.append("    if keys and keys[0].name == 'escape':\n        thisExp.saveAsWideText('data/experiment.csv')"
               "\n        core.quit()")
    if total is not None:
        out.append(f"    while frame < {total}:  # a fast answer does not cut the screens short")
        out.append(_indent(chain, 8))
        out.append("        win.flip()\n        frame += 1")
    out.append("    if keys:\n        answer = keys[0].name, keys[0].rt\n    else:\n        answer = None, None")
    for screen in after:
        out.append(f"    # {screen.name}")
        out.append(_show(_n_frames(screen, consts), _draw(screen.stimuli, stimuli, main, rows)))
    out.append("    return answer")
    return "\n".join(out)


def _n_frames(screen, consts: dict[int, str]) -> str | None:
    """The expression for a screen's number of frames; None when it has no duration."""
    const = consts.get(id(screen))
    if const is None:
        return None
    return const if const.endswith("_FRAMES") else f"frames({const})"


def _show(count: str | None, draws: list[str]) -> str:
    return f"    for _ in range({count or 'frames(0.5)'}):\n" + _indent(draws + ["win.flip()"], 8)


def _main_part(spec: Spec, iti: float) -> str:
    feedback = spec.feedback_s is not None
    lines = ["\n\ndef run_block(trial_list, practice=False):",
             "    for trial in trial_list:",
             "        key, rt = run_trial(trial)",
             "        correct = key == trial['correct']"]
    if feedback:
        lines.append("        feedback.text = 'Correct' if correct else ('Too slow' if key is None else 'Wrong')")
        lines.append("        for _ in range(frames(FEEDBACK_S)):\n            feedback.draw()\n            win.flip()")
    lines += ["        if not practice:",
              "            thisExp.addData('condition', trial['label'])",
              "            thisExp.addData('correct_key', trial['correct'])",
              "            thisExp.addData('key', key)",
              "            thisExp.addData('rt', rt)",
              "            thisExp.addData('correct', correct)",
              "            thisExp.nextEntry()",
              *(["        for _ in range(frames(ITI_S)):  # the inter-trial interval\n            win.flip()"]
                if iti else []),
              "",
              "",
              "instructions.draw()\nwin.flip()\nkb.waitKeys(keyList=['space'])"]
    if spec.practice:
        lines.append("run_block([random.choice(conditions) for _ in range(N_PRACTICE)], practice=True)")
    lines += ["run_block(trial_list)", "thisExp.saveAsWideText('data/experiment.csv')", "win.close()",
              "core.quit()"]
    return "\n".join(lines)
