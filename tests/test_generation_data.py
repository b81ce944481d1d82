"""The description -> script data (training/generation_data.py) on strings: descriptions drawn from parts state
values the composed script uses (the sandboxed run that admits a pair is in the data build itself), and the
runtime mutations plant one mistake on one line."""

from __future__ import annotations

import random

import pytest

from psychopy_lsp.server.generate.compose import compose
from psychopy_lsp.server.generate.spec import read_spec
from psychopy_lsp.server.generate.verify import requirements_met
from psychopy_lsp.training.generation_data import describe
from psychopy_lsp.training.mutations import mutations

COLOURS = {"red", "green", "blue", "yellow", "white", "black", "orange", "purple", "cyan", "magenta", "pink",
           "brown", "lime", "navy", "grey"}


def test_descriptions_vary_and_their_stated_values_are_used_by_the_composed_script():
    rng = random.Random(7)
    drawn = [describe(rng) for _ in range(60)]
    assert len({text for text, _ in drawn}) == 60  # no two alike
    unused = []
    for text, stated in drawn:
        source = compose(read_spec(text, COLOURS)).source
        missing = {k: v for k, v in requirements_met(source, stated).items() if v}
        if missing:
            unused.append((text, missing))
    # the reader and composer are not perfect on every phrasing: a pair is admitted only after its run, but most
    # drawn descriptions must come through, or the data would be thin
    assert len(unused) <= 6, unused


SCRIPT = """import random
from psychopy import visual
win = visual.Window()
stim = visual.Circle(win, radius=0.1)
trials = [1, 2]
random.shuffle(trials)
for _ in range(frames(STIM_S)):
    stim.draw()
rt = keys[0].rt
"""


@pytest.mark.parametrize("operator, line, text", [
    ("in_place_assigned", 5, "trials = random.shuffle(trials)"),  # the shuffle's None kept
    ("float_count", 6, "for _ in range(STIM_S * frame_rate):"),  # a float count
    ("keypress_list", 8, "rt = keys.rt"),  # the list used as one press
    ("window_left_out", 3, "stim = visual.Circle(radius=0.1)"),  # no window
])
def test_runtime_mutations(operator, line, text):
    found = [m for m in mutations(SCRIPT) if m.operator == operator]
    assert [(m.line, m.source.split("\n")[m.line]) for m in found] == [(line, text)]
    assert all(m.category == "runtime" for m in found)
