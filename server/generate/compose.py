"""Write a PsychoPy script from a Spec, out of composable parts: a window, one constructor per stimulus kind, a
condition list whose rows say what differs between trials and which key is correct, a trial function whose
screens are drawn for a counted number of frames, a response read from the hardware Keyboard timed from the
flip that showed the stimulus, feedback, an inter-trial interval, and the data saved by an ExperimentHandler.

Pure: Spec in, source text out (with the assumptions it had to make, said in words). Nothing is keyed on paradigm
names: what a condition changes is read from its own words (a colour, a side, a shape, a letter, present or
absent, odd or even, word or nonword, large or small, a direction, short or long).
"""

from __future__ import annotations

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
DIRECTIONS = {"left": (180, "<"), "right": (0, ">"), "up": (90, "^"), "down": (270, "v")}


@dataclass
class Composition:
    source: str
    assumptions: list[str] = field(default_factory=list)  # defaults used where the description said nothing
    unread: list[str] = field(default_factory=list)  # condition words no part could show (kept as labels)


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


def _constructor(stim: Stimulus, colour: str, text: str, pos: tuple[float, float]) -> str:
    size = stim.size
    where = f"pos={pos!r}"
    if stim.kind in ("text", "cross", "arrow"):
        shown = "+" if stim.kind == "cross" else text
        return f"visual.TextStim(win, text={_q(shown)}, height={size or (0.06 if stim.kind == 'cross' else 0.08)}, " \
               f"{_colour_kw(stim, colour)}, {where})"
    if stim.kind == "circle":
        return f"visual.Circle(win, radius={size or 0.04}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "square":
        return f"visual.Rect(win, width={size or 0.08}, height={size or 0.08}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "rect":
        horizontal = "horizontal" in stim.words.lower() and "vertical" not in stim.words.lower()
        w, h = (0.15, 0.04) if horizontal else (0.04, 0.15)
        return f"visual.Rect(win, width={w}, height={h}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "triangle":
        return f"visual.Polygon(win, edges=3, radius={size or 0.06}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "star":
        return f"visual.ShapeStim(win, vertices='star7', size={size or 0.08}, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "line":
        return f"visual.Line(win, start=(-0.3, 0), end=(0.3, 0), lineWidth=3, {_colour_kw(stim, colour)}, {where})"
    if stim.kind == "grating":
        colour_part = f", {_colour_kw(stim, colour)}" if colour else ""
        return f"visual.GratingStim(win, tex='sin', mask='gauss', sf=12, size={size or 0.25}{colour_part}, {where})"
    return f"visual.TextStim(win, text={_q(text or '?')}, height=0.08, {where})"


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
    scale, direction, seconds}; {} when none of its words can be shown."""
    words = phrase.lower()
    out: dict = {}
    colours = [c for s in spec.stimuli for c in s.colours] + list(_COLOUR_HINTS)
    for colour in colours:
        if re.search(r"\b" + re.escape(colour) + r"\b", words):
            out["colour"] = colour
            break
    for word, pos in POSITION_WORDS.items():
        if re.search(r"\b" + word + r"\b", words) and word not in ("centre", "center", "middle"):
            if stim.kind in ("arrow", "triangle", "grating") or re.search(r"point|tilt|direction|facing", words):
                out["direction"] = word if word in DIRECTIONS else {"above": "up", "top": "up", "below": "down",
                                                                    "bottom": "down"}.get(word, word)
            else:
                out["pos"] = pos
            break
    for noun, kind in SHAPES.items():
        if re.search(r"\b" + noun + r"\b", words) and kind not in ("text",) and kind != stim.kind and \
                any(s.kind == kind for s in spec.stimuli):
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
    elif re.search(r"\bwords?\b", words) and "word" in stim.words.lower():
        out["texts"] = WORDS
    if re.search(r"\b(large|larger|big|bigger|long line)\b", words):
        out["scale"] = 1.6
    elif re.search(r"\b(small|smaller|little)\b", words):
        out["scale"] = 0.6
    if re.search(r"\bshort(er)?\b", words):
        out["duration"] = "short"
    elif re.search(r"\blong(er)?\b", words):
        out["duration"] = "long"
    if re.search(r"\b(same|old|in the set|seen|match(es)?|repeat)\b", words):
        out["same"] = True
    elif re.search(r"\b(different|new|not|change[sd]?|mismatch)\b", words):
        out["same"] = False
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
    return rows, unread


def _other(go_row: dict, stim: Stimulus) -> dict:
    """The no-go trials of 'press space for purple ones only': the stimulus's other colour or text."""
    if "colour" in go_row:
        others = [c for c in stim.colours if c != go_row["colour"]]
        if others:
            return {"colour": others[0]}
    if "text" in go_row:
        others = [t for t in stim.texts if t != go_row["text"]]
        if others:
            return {"text": others[0]}
    return {}


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
    response_screen = shown[-1] if shown else None
    main = next((s for s in stimuli if response_screen and s.name in response_screen.stimuli and
                 s.role not in ("fixation", "distractor", "cue", "mask")), None) or \
        next(s for s in stimuli if s.role != "fixation")
    rows, unread = conditions(spec, main)
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
    iti = spec.iti_s if spec.iti_s is not None else DEFAULT_ITI_S
    if spec.iti_s is None:
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
    for i, screen in enumerate(screens):
        name = _const(screen.name) + (f"_{i}" if sum(1 for s in screens if s.name == screen.name) > 1 else "")
        if screen.frames is not None:
            consts[id(screen)] = f"{name}_FRAMES"
            add(f"{name}_FRAMES = {screen.frames!r}")
        elif screen.seconds is not None:
            consts[id(screen)] = f"{name}_S"
            add(f"{name}_S = {screen.seconds!r}")
    if window_s is not None:
        add(f"RESPONSE_S = {window_s!r}  # the response window")
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
            add(f"for i, item in enumerate({stim.name}):\n    item.{_colour_attr(stim)} = {stim.name}_colours[i % "
                f"len({stim.name}_colours)]")
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

    add(_trial_function(stimuli, screens, consts, response_screen, main, window_s))
    add(_main_part(spec, iti))
    source = "\n".join(out) + "\n"
    return Composition(source, assumptions, unread)


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


def _apply_condition(stimuli: list[Stimulus], main: Stimulus) -> list[str]:
    """Lines at the start of run_trial that set what the row changes."""
    m = main.name
    scatter = "item.pos = (random.uniform(-0.5, 0.5), random.uniform(-0.4, 0.4))"
    lines = [f"    for item in {other.name}:\n        {scatter}" for other in stimuli
             if other.role == "distractor" and other.count > 1]
    if main.count > 1 and main.kind != "arrow":
        return [f"    shown = list({m})", f"    for item in shown:\n        {scatter}"] + lines
    if not main.positions and any(o.role == "distractor" for o in stimuli):
        lines.append(f"    {m}.pos = (random.uniform(-0.5, 0.5), random.uniform(-0.4, 0.4))")
    lines.append("    if 'colour' in trial:\n" + _indent([_recolour(main, m, "trial['colour']")], 8))
    if len(main.colours) > 1:
        lines.append("    else:\n" + _indent([_recolour(main, m, f"random.choice({main.colours!r})")], 8))
    positions = main.positions
    lines.append(f"    if 'pos' in trial:\n        {m}.pos = trial['pos']")
    if len(positions) > 1:
        lines.append(f"    else:\n        {m}.pos = random.choice({positions!r})")
    if main.kind in ("text", "arrow"):
        pool = main.texts if len(main.texts) > 1 else None
        if main.kind == "arrow":
            lines.append(f"    if 'direction' in trial:\n        {m}.text = {{'left': '<', 'right': '>', 'up': '^', "
                         f"'down': 'v'}}[trial['direction']] * {max(1, main.count)}")
        lines.append(f"    if 'text' in trial:\n        {m}.text = trial['text']\n    elif 'texts' in trial:\n"
                     f"        {m}.text = random.choice(trial['texts'])")
        if pool:
            lines.append(f"    else:\n        {m}.text = random.choice({pool!r})")
        elif "letter" in main.words.lower() and not main.texts:
            lines.append(f"    else:\n        {m}.text = random.choice({LETTERS!r})")
    else:
        lines.append(f"    if 'direction' in trial:\n        {m}.ori = {{'left': 180, 'right': 0, 'up': 270, "
                     f"'down': 90}}[trial['direction']]" if main.kind == "triangle" else
                     f"    if 'direction' in trial:\n        {m}.ori = {{'left': -45, 'right': 45, 'up': 0, "
                     f"'down': 90}}[trial['direction']]")
    if main.kind not in ("line", "grating", "text", "arrow", "cross", "star"):
        base = main.size or (0.04 if main.kind == "circle" else 0.08)
        attr = "radius" if main.kind in ("circle", "triangle") else "size"
        if attr == "radius":
            lines.append(f"    {m}.radius = {base} * trial.get('scale', 1)")
        else:
            lines.append(f"    {m}.size = ({m}.width * trial.get('scale', 1), {m}.height * trial.get('scale', 1))")
    return lines


def _draw(names: list[str], stimuli: list[Stimulus], main: Stimulus) -> list[str]:
    lines = []
    by_name = {s.name: s for s in stimuli}
    for name in names:
        stim = by_name.get(name)
        if stim is None:
            continue
        if stim.count > 1 and stim.kind != "arrow":
            lines.append(f"for item in {'shown' if stim is main else name}:\n    item.draw()")
        elif stim is main:
            lines.append(f"if trial.get('present', True):\n    {name}.draw()")
        else:
            lines.append(f"{name}.draw()")
    return lines


def _indent(lines: list[str], n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line.replace("\n", "\n" + pad) for line in lines)


def _trial_function(stimuli, screens, consts: dict[int, str], response_screen, main, window_s) -> str:
    out = ["\n\ndef run_trial(trial):",
           '    """Show one trial; return the key pressed (None: no response) and its reaction time in seconds."""']
    out += _apply_condition(stimuli, main)
    for screen in screens:
        if screen is response_screen:
            break
        out.append(f"    # {screen.name}")
        out.append(_show(_n_frames(screen, consts), _draw(screen.stimuli, stimuli, main)))
    # the response screen: the keyboard's clock starts at the flip that shows the stimulus
    out.append("    # the response: timed from the flip that shows the stimulus, earlier presses discarded")
    draws = _draw(response_screen.stimuli, stimuli, main) if response_screen else []
    duration = _n_frames(response_screen, consts) if response_screen else None
    out.append("    kb.clearEvents()\n    win.callOnFlip(kb.clock.reset)\n    keys = []\n    frame = 0")
    condition = "not keys" + (" and kb.clock.getTime() < RESPONSE_S" if window_s is not None else "")
    out.append(f"    while {condition}:")
    if duration is not None:
        out.append(f"        if frame < {duration}:")
        out.append(_indent(draws or ["pass"], 12))
    else:
        out.append(_indent(draws or ["pass"], 8))
    out.append("        win.flip()\n        frame += 1\n        keys = kb.getKeys(keyList=KEYS + ['escape'], "
               "waitRelease=False)")
    out.append("    if keys and keys[0].name == 'escape':\n        thisExp.saveAsWideText('data/experiment.csv')"
               "\n        core.quit()")
    if duration is not None:
        out.append(f"    while frame < {duration}:  # a fast answer does not cut the stimulus short")
        out.append(_indent(draws or ["pass"], 8))
        out.append("        win.flip()\n        frame += 1")
    out.append("    if keys:\n        return keys[0].name, keys[0].rt\n    return None, None")
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
              "        for _ in range(frames(ITI_S)):  # the inter-trial interval\n            win.flip()",
              "",
              "",
              "instructions.draw()\nwin.flip()\nkb.waitKeys(keyList=['space'])"]
    if spec.practice:
        lines.append("run_block([random.choice(conditions) for _ in range(N_PRACTICE)], practice=True)")
    lines += ["run_block(trial_list)", "thisExp.saveAsWideText('data/experiment.csv')", "win.close()",
              "core.quit()"]
    return "\n".join(lines)
