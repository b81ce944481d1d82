"""The generic runtime mutations (training/runtime_mutations.py) on strings: each operator plants one edit on
one line, and leaves alone the lines where its edit would raise nowhere near the line or not at all. Whether a
planted edit really raises at its line is decided by running it (training/repair_data.py); the candidate picker
takes at most one mutation per operator."""

from __future__ import annotations

import random

import pytest

from psychopy_lsp.training.repair_data import candidates, held_out
from psychopy_lsp.training.runtime_mutations import runtime_mutations

SCRIPT = """from psychopy import visual, core
STIM_S = 0.5
win = visual.Window()
clock = core.Clock()
stim = visual.TextStim(win, text='X')
words = ['red', 'blue']
half = len(words) // 2
label = str(half)
rt = clock.getTime() - 0.2
first, second = words
stim.setPos((0, 1))
stim.draw()
print(words[0])
"""


@pytest.mark.parametrize("operator, line, text", [
    ("drop_argument", 10, "stim.setPos()"),  # the only positional argument left out
    ("extra_argument", 10, "stim.setPos((0, 1), (0, 1))"),  # one argument too many
    ("drop_conversion", 7, "label = half"),  # str() dropped: a number where text is needed
    ("drop_call_parens", 8, "rt = clock.getTime - 0.2"),  # a method read as a value inside an expression
    ("index_shift", 12, "print(words[1])"),  # a literal index one further
    ("attribute_case", 8, "rt = clock.gettime() - 0.2"),  # camelCase lost
    ("number_as_string", 8, "rt = clock.getTime() - '0.2'"),  # a number quoted
    ("true_division", 6, "half = len(words) / 2"),  # a float where a count is needed
    ("unpack_extra", 9, "first, second, extra = words"),  # one name too many
])
def test_operator_plants_one_edit(operator, line, text):
    found = [m for m in runtime_mutations(SCRIPT) if m.operator == operator and m.line == line]
    assert [m.source.split("\n")[m.line] for m in found] == [text]
    assert all(m.category == "runtime" for m in found)
    # the rest of the script is untouched
    assert all(m.source.split("\n")[:line] == SCRIPT.split("\n")[:line] for m in found)


@pytest.mark.parametrize("operator, line", [
    ("number_as_string", 1),  # a constant's definition: the quoted value would raise where it is used
    ("drop_call_parens", 11),  # `stim.draw` alone does nothing and raises nothing: not a runtime mistake
    ("swap_variable", 2),  # `win = visual.Window()`: `visual` is a module, not a variable of the script
    ("index_shift", 5),  # a list literal, not an index
    ("drop_argument", 0),  # an import is never mutated
    ("attribute_case", 2),  # module attributes (visual.Window) are left alone
])
def test_operator_leaves_line_alone(operator, line):
    assert not [m for m in runtime_mutations(SCRIPT) if m.operator == operator and m.line == line]


def test_swap_variable_uses_another_variable_assigned_before():
    found = [m for m in runtime_mutations(SCRIPT) if m.operator == "swap_variable" and m.line == 11]
    assert len(found) == 1
    new = found[0].source.split("\n")[11]
    name = new.split(".")[0]
    assert name != "stim" and new.endswith(".draw()")
    assert any(line.startswith(f"{name} = ") for line in SCRIPT.split("\n")[:11])


def test_candidates_take_one_per_operator_and_are_seeded():
    picked = candidates(SCRIPT, 20, random.Random(0))
    operators = [m.operator for m in picked]
    assert len(operators) == len(set(operators)) >= 8
    assert all(m.source != SCRIPT for m in picked)
    assert [m.source for m in candidates(SCRIPT, 5, random.Random(0))] == \
        [m.source for m in candidates(SCRIPT, 5, random.Random(0))]
    assert len(candidates(SCRIPT, 3, random.Random(1))) == 3


def test_held_out_split_is_by_name_and_near_its_share():
    names = [f"composed/0-{i}" for i in range(400)]
    share = sum(held_out(n, 0.12) for n in names) / len(names)
    assert 0.06 < share < 0.2
    assert held_out(names[3], 0.12) == held_out(names[3], 0.12)


@pytest.mark.parametrize("line, expected", [
    ("msg = visual.TextStim(win, 'a, b')", "msg = visual.TextStim(win)"),  # a comma inside a string
    ("x = f(g(1, 2), 3)", "x = f(g(1, 2))"),  # a nested call's commas
    ("x = f(a, key='v')", None),  # a keyword argument: dropping the last positional is not this operator's
])
def test_drop_argument_reads_top_level_arguments(line, expected):
    found = [m.source for m in runtime_mutations(line) if m.operator == "drop_argument"]
    assert found == ([expected] if expected else [])
