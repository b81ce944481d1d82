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
