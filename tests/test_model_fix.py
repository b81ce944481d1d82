"""'Fix with the PsychoPy model' (server/model_fix.py): the region chosen, the answer parsed, and verification
refusing anything that does not parse, keeps the error, adds errors, or changes nothing. The model is a fake here;
tests/test_lsp_model.py runs the real one."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from fakes import FakeBackend
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.model.fix import Region, model_fix, parse_answer, region_for, verify
from psychopy_lsp.server.model.prompts import FIX_END, fix_prompt

SCRIPT = """from psychopy import visual, core
win = visual.Window([800, 600])
stim = visual.TextStim(win, text='Hi',
                       colour='red')
for trial in range(3):
    stim.draw()
    win.flip()
core.quit()
"""


@pytest.mark.parametrize("source,line,expected", [
    (SCRIPT, 3, Region(2, 4)),  # a keyword on a call's second line: the whole two-line statement
    (SCRIPT, 4, Region(4, 5)),  # the header of a for loop, not its body
    (SCRIPT, 5, Region(5, 6)),  # one statement inside the loop body
    ("x = (1,\ny = 2\nz = 3\nw = 4\n", 2, Region(1, 4)),  # does not parse: a window of three lines around it
])
def test_region_for(source, line, expected):
    assert region_for(source, line) == expected


@pytest.mark.parametrize("raw,region,expected", [
    ("stim.draw()\n" + FIX_END + "\nmore", "stim.draw()", "stim.draw()"),  # cut at the end marker
    ("```python\nwin.flip()\n```", "win.flip()", "win.flip()"),  # fences removed
    ("win.flip()\n# Error: again", "    win.flip()", "    win.flip()"),  # lost indentation restored
    ("    a = 1\n    b = 2", "a = 0", "a = 1\nb = 2"),  # extra indentation removed from every line
    ("\n\n\n", "x", ""),  # nothing
])
def test_parse_answer(raw, region, expected):
    assert parse_answer(raw, region) == expected


@pytest.fixture(scope="module")
def check_codes(api_index):
    def codes(source):
        return [(f.span[0], f.code, f.severity) for f in check(Analysis(source, api_index))]
    return codes


REGION = Region(2, 4)
GOOD = "stim = visual.TextStim(win, text='Hi',\n                       color='red')"


@pytest.mark.parametrize("new_text,ok,words", [
    (GOOD, True, "no longer reports"),  # the invented keyword replaced by the real one
    ("stim = visual.TextStim(win, text='Hi',\n                       colour='red')", False, "unchanged"),
    ("stim = visual.TextStim(win, text='Hi'", False, "does not parse"),  # broken syntax
    ("stim = visual.TextStim(win, text='Hi', colour='blue')", False, "still reports PSY101"),
    ("stim = visual.TextStim(win, txt='Hi', color='red')", False, "still reports"),  # same code, other keyword
    ("stim = visual.TextStm(win, color='red')", False, "adds"),  # a new error (an invented class)
    ("", False, "no code"),
    ("pass", False, "rewrote"),  # the broken statement thrown away
    ("stimulus = visual.TextStim(win, text='Hi',\n                       color='red')", False, "no longer sets stim"),
])
def test_verify(check_codes, new_text, ok, words):
    outcome = verify(SCRIPT, REGION, new_text, "PSY101", check_codes)
    assert outcome.ok is ok and words in outcome.reason


def test_model_fix_with_a_fake_model_sends_the_error_and_api_and_applies_only_the_region(check_codes):
    fake = FakeBackend({"colour": GOOD + "\n" + FIX_END})
    outcome = model_fix(SCRIPT, 3, "TextStim() has no parameter 'colour'", "PSY101",
                        ["psychopy.visual.TextStim(win, text='Hello World', color=(1.0, 1.0, 1.0), ...)"],
                        fake, check_codes)
    assert outcome.ok, outcome.reason
    prompt = fake.prompts[-1]
    assert prompt == fix_prompt("stim = visual.TextStim(win, text='Hi',\n                       colour='red')",
                                "TextStim() has no parameter 'colour'",
                                ["psychopy.visual.TextStim(win, text='Hello World', color=(1.0, 1.0, 1.0), ...)"],
                                "from psychopy import visual, core\nwin = visual.Window([800, 600])")
    lines = SCRIPT.split("\n")
    fixed = "\n".join(lines[:2] + outcome.new_text.split("\n") + lines[4:])
    assert fixed == SCRIPT.replace("colour=", "color=")  # nothing outside the region changed


def test_model_fix_refuses_a_useless_answer(check_codes):
    outcome = model_fix(SCRIPT, 3, "no parameter 'colour'", "PSY101", [], FakeBackend(default="pass"),
                        check_codes)
    assert not outcome.ok


@pytest.mark.parametrize("shape", [
    "stim = visual.TextStim(win, text='Hi',\n                       color=__import__('pathlib').Path({m!r}).touch())",  # in the fix
    "__import__('pathlib').Path({m!r}).touch()\nstim = visual.TextStim(win, text='Hi', color='red')",  # a new line
])
def test_model_output_is_never_executed(check_codes, tmp_path, shape):
    """Whatever the model writes is parsed and checked, never run: not by verification, not by completion."""
    from psychopy_lsp.server.model.completer import InlineEngine

    marker = tmp_path / "executed"
    answer = shape.format(m=str(marker))
    model_fix(SCRIPT, 3, "no parameter 'colour'", "PSY101", [], FakeBackend(default=answer + "\n" + FIX_END),
              check_codes)
    engine = InlineEngine(FakeBackend(default=answer), max_tokens=64)
    engine.suggest(SCRIPT + "x = ", "", [], lambda src: [(line, code) for line, code, _ in check_codes(src)], None)
    assert not marker.exists()
