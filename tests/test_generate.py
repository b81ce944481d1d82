"""Pure parts of `generate`: the spec reader, the stated-value verifier, the model-instruction gate, the
description block a code action offers on, and composed scripts that parse and pass the checker. Descriptions
here are the tests' own (the held-out evaluation set in benchmarks/heldout/generation/ is used nowhere else)."""

from __future__ import annotations

import ast

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.generate.compose import compose
from psychopy_lsp.server.generate.pipeline import check_instructions, readable
from psychopy_lsp.server.generate.spec import durations_in, keys_in, read_spec
from psychopy_lsp.server.generate.verify import requirements_met
from psychopy_lsp.server.features.generate_action import description_block

COLOURS = {"red", "green", "blue", "white", "black", "yellow", "orange", "pink", "teal", "grey", "darkblue",
           "purple", "magenta"}


@pytest.mark.parametrize("text, expected", [
    ("for 500 ms", [(0.5, None)]),  # milliseconds become seconds
    ("for 2 seconds, then 30 frames", [(2.0, None), (None, 30)]),  # frames stay frames
    ("a half a second pause", [(0.5, None)]),  # words
    ("shown for 1.5s", [(1.5, None)]),  # no space before the unit
    ("12 items on a grey background", []),  # a count is not a duration
])
def test_durations(text, expected):
    assert [(s, f) for s, f, _ in durations_in(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("press 'f' if present and 'j' if absent", ["f", "j"]),  # quoted letters
    ("press f if it is red, j if it is green", ["f", "j"]),  # bare letters before if
    ("respond with the left or right arrow key", ["left", "right"]),  # both halves of 'left or right arrow'
    ("press the space bar as fast as you can", ["space"]),  # a named key
    ("a red circle at (0.3, 0) for 1 s", []),  # articles, coordinates and '1 s' are not keys
    ("Press 1 if left came first, 2 if right came first", ["1", "2"]),  # digits as keys
    ("two squares, one red and one orange, for 400 ms", []),  # ', for' is not the key f followed by 'or'
    ("press f, or j when unsure", ["f", "j"]),  # a key letter before a comma is still a key
    ("type it with the number keys 1-4", ["1", "2", "3", "4"]),  # a range of digit keys: each of them
    ("rate it by pressing 2 to 4.", ["2", "3", "4"]),  # a range right after press: each digit
    ("press space for 1-2 seconds", ["space"]),  # a range with its unit after it is a duration
    ("press space, but press p instead when it is red", ["space", "p"]),  # 'p instead'
    ("after a 1-3 s pause press space", ["space"]),  # a range of seconds is no range of keys
    ("for 350 ms. z for left, m for right.", ["z", "m"]),  # a sentence that starts with its key
    ("for 2 s. 5 to 10 dots appear. press space", ["space"]),  # a count starting a sentence is no key
    ("it is always E, F, H or T: press that key", ["e", "f", "h", "t"]),  # a list's first item with the others
])
def test_keys(text, expected):
    assert [k for k, _ in keys_in(text)] == expected


def test_spec_reads_stimuli_screens_answers_and_counts():
    # roles, colours, counts, a cue screen before the target, a response window, the condition of each key
    spec = read_spec("A green cue square on the left for 150 ms, then a red target circle among 6 blue circles. "
                     "Press 'a' if the target is present and 'b' if it is absent. Respond within 2 s. 30 trials.",
                     COLOURS)
    roles = {s.role: s for s in spec.stimuli}
    assert roles["cue"].kind == "square" and roles["cue"].colours == ["green"]
    assert roles["target"].kind == "circle" and roles["target"].colours == ["red"]
    assert roles["distractor"].count == 6 and roles["distractor"].colours == ["blue"]
    assert [(s.name, s.seconds) for s in spec.screens][:1] == [("cue", 0.15)]
    assert [(a.key, a.condition) for a in spec.answers] == [("a", "present"), ("b", "absent")]
    assert spec.response_s == 2.0 and spec.trials == 30


@pytest.mark.parametrize("description, field, value", [
    ("a white circle for 40 frames; press space. 10 trials", "frames", [40]),  # frames kept as frames
    ("a word in yellow on a black background; press y or n", "colours", ["yellow", "black"]),  # the background
    ("letters for 300 ms with 700 ms between trials; press k", "durations", [0.3, 0.7]),  # ITI from its words
    ("a pink star, press q for pink and p for teal", "keys", ["q", "p"]),
])
def test_stated_values(description, field, value):
    assert read_spec(description, COLOURS).stated()[field] == value


@pytest.mark.parametrize("description, ok", [
    ("a blue square for 1 s; press f", True),  # a stimulus and a key
    ("make it fun and engaging for the students", False),  # nothing to build from
])
def test_readable(description, ok):
    assert readable(read_spec(description, COLOURS)) is ok


STATED = {"colours": ["red"], "durations": [0.5], "frames": [], "keys": ["f"], "trials": 10, "kinds": ["circle"]}


@pytest.mark.parametrize("source, missing", [
    # every value used: a colour keyword, seconds, keyList, the trial count, a Circle
    ("from psychopy import visual\nN = 10\nc = visual.Circle(win, fillColor='red')\nT = 0.5\n"
     "kb.getKeys(keyList=['f'])\n", {}),
    # milliseconds count as the same duration
    ("from psychopy import visual\nN = 10\nc = visual.Circle(win, fillColor='red')\ncore.wait(500 / 1000)\n"
     "KEYS = ['f']\n", {}),
    # the colour only in the docstring does not count; a Rect is not a circle
    ('"""a red circle"""\nN = 10\nc = visual.Rect(win)\nT = 0.5\nKEYS = ["f"]\n',
     {"colours": ["red"], "kinds": ["circle"]}),
    # wrong key and no trial count
    ("c = visual.Circle(win, fillColor='red')\nT = 0.5\nKEYS = ['j']\n", {"keys": ["f"], "trials": ["10 trials"]}),
])
def test_requirements_met(source, missing):
    found = {k: v for k, v in requirements_met(source, STATED).items() if v}
    assert found == missing


@pytest.mark.parametrize("text, ok", [
    ("Press F when you see the red circle.", True),  # names the key
    ("Press the button when ready.", False),  # the key f is not named
    ("Press SPACE whenever you see the letter X. Be fast and accurate.", False),  # a worked example copied
    ("x = 1", False),  # code, not instructions
])
def test_check_instructions(text, ok):
    spec = read_spec("a red circle; press f when you see it", COLOURS)
    if text.startswith("Press SPACE"):
        spec = read_spec("a letter; press space", COLOURS)
    assert (check_instructions(text, spec) is not None) is ok


@pytest.mark.parametrize("source, line, expected", [
    ('"""A red circle for 1 s;\npress f."""\nimport random\n', 1, ("A red circle for 1 s;\npress f.", 0, 2)),
    ("import random\n# a red circle for 1 s\n# press f to answer\nx = 1\n", 2,
     ("a red circle for 1 s press f to answer", 1, 3)),  # a comment block, joined
    ("import random\nx = 1\n", 1, None),  # code is not a description
])
def test_description_block(source, line, expected):
    assert description_block(source, line) == expected


@pytest.mark.parametrize("description", [
    "A red T among 8 green Ls for 2 s; press 'p' if the T is present and 'a' if absent. 12 trials.",
    "An arrow pointing left or right for 200 ms; press the left or right arrow key. Feedback for 0.4 s.",
    "A blue circle means go (press space), a yellow square means do not press. 500 ms each, 1 s between trials.",
    "Digits from 1 to 9 in white for 40 frames, press o for odd and e for even; 5 practice trials then 20 trials.",
    "Show a grating tilted left or right for 100 ms after a fixation cross of 0.5 s; keys z and m; within 1.5 s.",
])
def test_composed_scripts_parse_and_pass_the_checker(description, api_index):
    composition = compose(read_spec(description, COLOURS))
    ast.parse(composition.source)
    errors = [f"{f.line}: {f.code} {f.message}" for f in check(Analysis(composition.source, api_index))
              if f.severity in ("error", "warning")]
    assert errors == []
    assert not {k: v for k, v in requirements_met(composition.source,
                                                   read_spec(description, COLOURS).stated()).items() if v}


@pytest.mark.parametrize("text, expected", [
    ("shown for either 300 ms or 900 ms", [("choice", [0.3, 0.9])]),  # alternatives, the unit once at the end
    ("for 200, 400 or 600 ms", [("choice", [0.2, 0.4, 0.6])]),  # a list of three
    ("a random delay between 1 and 2.5 s", [("range", [1.0, 2.5])]),  # a range drawn per trial
    ("a blank (400-800 ms)", [("range", [0.4, 0.8])]),  # a dash range
    ("press 1 or 2 s", []),  # keys, not durations
    ("for 1 s and then 2 s", []),  # two screens in a row are not a range
    ("digits 1-9 for 250 ms", []),  # a range of digits is not a duration
])
def test_duration_sets(text, expected):
    from psychopy_lsp.server.generate.spec import duration_sets
    assert [(kind, values) for kind, values, _a, _b in duration_sets(text)] == expected


def composed(description: str) -> str:
    return compose(read_spec(description, COLOURS)).source


def run_trial_of(source: str) -> str:
    return source[source.index("def run_trial"):source.index("def run_block")]


def test_a_shape_a_row_names_is_drawn_on_that_row_only():
    # a triangle means press j, a star means no press: each is drawn only on its own rows
    body = run_trial_of(composed("A triangle means press j, a star means don't press. Each shape is yellow and "
                                 "shown for 400 ms. 30 trials."))
    assert "if trial['shape'] == 'triangle':" in body and "if trial['shape'] == 'star':" in body
    # one shape only: no shape test at all
    assert "trial['shape']" not in run_trial_of(composed("A yellow star for 400 ms; press j. 30 trials."))


def test_a_size_condition_scales_the_constructed_size_not_the_current_one():
    body = run_trial_of(composed("A green square is either big or small for 500 ms. Press b for big and n for "
                                 "small. 20 trials."))
    assert "stim.width = 0.08 * trial.get('scale', 1)" in body
    assert "stim.width *" not in body and ".width * trial" not in body  # no compounding from trial to trial


def test_same_and_different_compare_the_probe_with_the_earlier_stimulus():
    # an earlier stimulus of the same family: the probe repeats it or not
    body = run_trial_of(composed("A sample square (purple, orange or teal) for 1 s, a 1 s delay, then a test "
                                 "square. Press z if it is the same and m if it is different. 20 trials."))
    assert "trial.get('same')" in body and "shown_colours" in body
    # nothing earlier to compare with: not pretended, said as unread
    composition = compose(read_spec("A square for 1 s. Press z for same and m for different. 20 trials.", COLOURS))
    assert "same" not in run_trial_of(composition.source) and composition.unread


def test_short_and_long_pick_the_duration_of_the_screen():
    source = composed("A white square is shown for either 300 ms or 900 ms. Press f for short and j for long. "
                      "20 trials.")
    assert "STIMULUS_S = (0.3, 0.9)" in source
    assert "'label': 'short', 'correct': 'f', 'seconds': 0.3" in source
    assert "stimulus_s = trial['seconds'] if 'seconds' in trial else random.choice(STIMULUS_S)" in source


def test_a_mask_after_the_stimulus_is_shown_while_the_answer_is_collected_from_the_stimulus():
    body = run_trial_of(composed("A letter in white for 100 ms followed by a 200 ms mask. Press space for every "
                                 "letter except K. 20 trials."))
    # the clock is reset at the stimulus flip, and the mask follows by frame count inside the response loop
    assert body.index("win.callOnFlip(kb.clock.reset)") < body.index("mask.draw()")
    assert "elif frame < end_2:" in body
    # the go rows are every letter but K
    source = composed("A letter in white for 100 ms followed by a 200 ms mask. Press space for every letter "
                      "except K. 20 trials.")
    assert "'K'" in source and "'texts': ['B', 'C'" in source


def test_a_response_window_is_not_cut_by_the_previous_trials_clock():
    body = run_trial_of(composed("A red circle for 200 ms; press space within 1 s. 20 trials."))
    assert "(frame == 0 or kb.clock.getTime() < RESPONSE_S)" in body


@pytest.mark.parametrize("description, keys, conditions", [
    # 'otherwise' is the second key's condition: the other side
    ("A dot appears on the left or right for 300 ms. Press z if it is on the left and m otherwise. 20 trials.",
     ["z", "m"], ["on the left", "otherwise"]),
    # arrow keys are keys, not arrow stimuli
    ("A white circle above or below the centre for 500 ms. Press the up arrow for above and the down arrow for "
     "below. 20 trials.", ["up", "down"], ["above", "below"]),
])
def test_answers(description, keys, conditions):
    spec = read_spec(description, COLOURS)
    assert [a.key for a in spec.answers] == keys
    assert [a.condition for a in spec.answers] == conditions
    assert all(s.kind != "arrow" for s in spec.stimuli)


def test_an_arrow_that_is_shown_is_a_stimulus():
    spec = read_spec("A left or right arrow appears for 200 ms. Press f for left and j for right. 20 trials.",
                     COLOURS)
    assert [s.kind for s in spec.stimuli] == ["arrow"]


@pytest.mark.parametrize("description, field, value", [
    # a title before a colon names the paradigm, not a stimulus ('Dot' is not a dot here)
    ("Dot-comparison: a green square for 1 s. Press f. 20 trials.", "kinds", ["square"]),
    # 'each shape' points back at the shapes read before: their colour and duration
    ("A circle means press f, a square means press j. Each shape is orange and shown for 250 ms. 20 trials.",
     "colours", ["orange"]),
    # a duration with a long unit before 'between trials' is the interval between trials
    ("A red circle for 300 ms; press space. 2 seconds between trials. 20 trials.", "durations", [0.3, 2.0]),
    # '400 ms a black square': the number is a duration, not a count of squares
    ("A cue for 100 ms, then after 400 ms a black square; press space. 20 trials.", "kinds", ["square"]),
    # a colour given to each of the shapes after the noun
    ("Squares side by side, one red and one teal, for 300 ms. Press f. 20 trials.", "colours", ["red", "teal"]),
    # shapes 'on a black screen': the screen's colour is the background's
    ("Yellow dots for 200 ms on a black screen; press space. 20 trials.", "colours", ["yellow", "black"]),
    # 'except' without a key leaves items out of a set: the duration is still the screen's
    ("Digits 1-9 except 5 appear in white for 600 ms; press f if odd. 20 trials.", "durations", [0.6]),
    # 'type the number' and 'the number keys' are the answer and its keys, not text shown
    ("Red dots for 200 ms; type the number with the number keys 1-3. 20 trials.", "kinds", ["circle"]),
    # a diamond is drawn as a square (turned on its corner)
    ("A green diamond for 250 ms. Press q. 20 trials.", "kinds", ["square"]),
    # written after generation set 7 was measured:
    # a sentence that is a count alone is the number of trials
    ("A white dot flashes for 100 ms; press space. 45 flashes.", "trials", 45),
    # ... where trials are counted, that count ('4 blocks.' is not the number of trials)
    ("A red circle for 1 s; press space. 40 trials. 4 blocks.", "trials", 40),
    # 'the matching arrow key': the arrow keys of the directions the description names
    ("A white arrow points left or right for 500 ms. Respond with the matching arrow key. 20 trials.", "keys",
     ["left", "right"]),
    # ... a place above or below is the up or down key
    ("A dot appears at the top or the bottom for 200 ms. Use the arrow keys. 20 trials.", "keys", ["up", "down"]),
    # keys named: the arrow-key reading stays out ('press f if it points left')
    ("An arrow points left or right for 1 s. Press f if it points left and j if right; no arrow keys. 20 trials.",
     "keys", ["f", "j"]),
    # a colour in a response clause about 'it': the stimulus's, after its own clause's usual colour
    ("A square flashes for 200 ms, mostly blue; when it is orange, press k. 20 trials.", "colours",
     ["blue", "orange"]),
    # written after generation set 8 was measured:
    # keys given their meaning with '=': every one of them, in parentheses too
    ("A red or blue circle for 1 s (f = red, j = blue). 20 trials.", "keys", ["f", "j"]),
    ("A tall or short bar for 300 ms. t = tall, k = short. 20 trials.", "keys", ["t", "k"]),
    # ... a number in parentheses is no key, and a clause with it is still a screen ('(0.5 s)', '(2 to 4)')
    ("A fixation cross (0.5 s), then a dot for 250 ms (1 of 2 places). Press space. 20 trials.", "durations",
     [0.5, 0.25]),
    # a colour 'one' in a response clause is another colour of the stimulus just named
    ("A triangle for 400 ms; press g for a green triangle and do nothing for a pink one. 20 trials.", "colours",
     ["green", "pink"]),
    # a sentence is text shown
    ("A sentence in white for 2 s, then press y or n. 20 trials.", "kinds", ["text"]),
])
def test_spec_reading(description, field, value):
    spec = read_spec(description, COLOURS)
    assert spec.stated()[field] == value
    assert all(s.count == 1 for s in spec.stimuli)


@pytest.mark.parametrize("description, background", [
    ("Yellow dots for 200 ms on a black screen; press space. 20 trials.", "black"),  # shown on it
    ("A red circle for 1 s, then a grey screen for 1 s; press space. 20 trials.", ""),  # a screen shown, in grey
    ("A blue square for 1 s on a white background; press space. 20 trials.", "white"),  # the usual way
    ("A red star for 400 ms on black. Press s. 20 trials.", "black"),  # a colour alone after 'on'
    ("A red star on a grey disc for 400 ms. Press s. 20 trials.", ""),  # on a thing (not a colour alone)
])
def test_background(description, background):
    assert read_spec(description, COLOURS).background == background


def test_a_fixation_of_several_colours_is_coloured_per_trial():
    # 'either white or teal': one of them each trial, not the first only
    body = run_trial_of(composed("A fixation cross for 500 ms, either white or teal, then a word for 1 s. Press f "
                                 "or j. 20 trials."))
    assert "fixation.color = random.choice(['white', 'teal'])" in body


def test_a_diamond_is_a_square_on_its_corner():
    assert "ori=45" in composed("A green diamond for 250 ms. Press q. 20 trials.")
    assert "ori=45" not in composed("A green square for 250 ms. Press q. 20 trials.")


def test_a_semantic_category_shows_words_of_it_and_not_of_it():
    source = composed("A word in white for 1 s. Press a if it is an animal and o if not. 20 trials.")
    assert "'horse'" in source and "'hammer'" in source  # animals on the a rows, objects on the o rows


RANDINT = """import random
trials = list(range(4))
pick = random.randint(5)
print(pick)
"""


def _randint_run(line: int | None, status: str = "error"):
    """A run result as the sandbox gives it (only the fields repair.compare reads)."""
    from types import SimpleNamespace

    return SimpleNamespace(status=status, line=line, error_type="TypeError" if status == "error" else "",
                           message="Random.randint() missing 1 required positional argument: 'b'")


@pytest.mark.parametrize("replies, samples, proved, verified", [
    # the greedy answer is right: verified once, kept
    (["pick = random.randint(0, 5)"], 3, True, 1),
    # the greedy answer is the unchanged line, an alternative of the model's is right
    (["pick = random.randint(5)", "pick = random.randint(5)", "pick = random.randint(0, 5)"], 3, True, 1),
    # no alternatives allowed (fixSamples 0): the greedy answer only, none proved
    (["pick = random.randint(5)", "pick = random.randint(0, 5)"], 0, False, 0),
])
def test_generate_repairs_a_runtime_error_as_the_fix_command_does(api_index, replies, samples, proved, verified):
    """generate's repair loop asks fix.first_proved, with its own verification (checker + headless run) as the
    re-run: a candidate counts only when its run gets past the error (the real runs: tests/test_lsp_generate)."""
    from types import SimpleNamespace

    from fakes import FakeBackend
    from psychopy_lsp.server.generate.pipeline import _proved_repair
    from psychopy_lsp.server.model.prompts import FIX_END

    fake = FakeBackend({"randint": [r + "\n" + FIX_END for r in replies]})
    tried = []

    def try_source(origin, source):
        tried.append(source)
        good = "randint(0, 5)" in source
        run = _randint_run(None if good else 3, "ok" if good else "error")
        return SimpleNamespace(origin=origin, source=source, verdict=SimpleNamespace(run=run, problems=lambda: []))

    found = _proved_repair(RANDINT, _randint_run(3), api_index, fake, samples, None, try_source, lambda: 60.0)
    assert (found is not None) is proved
    assert len(tried) == verified
    if proved:
        assert found.source == RANDINT.replace("randint(5)", "randint(0, 5)")  # only that line changed
        assert found.origin.startswith("repaired (the model")


def test_generate_runs_no_repair_once_its_time_limit_is_reached(api_index):
    from fakes import FakeBackend
    from psychopy_lsp.server.generate.pipeline import _proved_repair
    from psychopy_lsp.server.model.prompts import FIX_END

    fake = FakeBackend({"randint": ["pick = random.randint(0, 5)\n" + FIX_END]})
    tried = []
    found = _proved_repair(RANDINT, _randint_run(3), api_index, fake, 3, None,
                           lambda origin, source: tried.append(source), lambda: 5.0)
    assert found is None and tried == []
