"""The inline-completion gatekeepers (server/inline.py), on strings."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.model.inline import build_prompt, postprocess, should_complete, valid_prefix

SHOULD = [
    ("stim = visual.TextStim(", "", True),  # an open call at the end of the line
    ("stim = visual.TextStim(", ")", True),  # only a closing bracket right of the cursor
    ("    ", "", True),  # an indented empty line: the next statement
    ("stim.", "", True),  # attribute access
    ("msg = 'hello wor", "", False),  # inside a string
    ("x = 1  # set the ", "", False),  # inside a comment
    ("core.wait(", "0.5)", False),  # real code right of the cursor
    ("x = 0.", "", False),  # a number being typed
    ("x = 1 + \\", "", False),  # a line continuation
]


@pytest.mark.parametrize("prefix,suffix,expected", SHOULD)
def test_should_complete(prefix, suffix, expected):
    assert should_complete(prefix, suffix) is expected


def words(text: str) -> int:
    """A token counter for tests: one token per word (the server uses the model's tokenizer)."""
    return len(text.split())


def test_build_prompt_keeps_the_cursor_lines_and_respects_the_budget():
    prefix = "\n".join(f"line{i} = {i}" for i in range(100)) + "\nstim = visual.TextStim("
    context = [f"visual.TextStim(win, text='Hello World', pos=(0.0, 0.0)) {i}" for i in range(20)]
    prompt = build_prompt(prefix, context, budget=120, count_tokens=words)
    assert words(prompt.text) <= 120
    assert prompt.text.endswith("stim = visual.TextStim(")  # the line being typed is last
    assert "line99 = 99" in prompt.text and "line0 = 0" not in prompt.text  # nearest lines kept
    assert prompt.text.startswith("# visual.TextStim")  # stable context first
    assert 0 < prompt.context_lines < 20 and words("\n".join(context[:prompt.context_lines])) <= 36


def test_build_prompt_stable_head_survives_an_edit_near_the_cursor():
    """KV-cache reuse: editing the last line leaves everything before it byte-identical."""
    context = ["core.wait(secs, hogCPUperiod=0.2)"]
    a = build_prompt("a = 1\nb = 2\ncore.wa", context, 100, words)
    b = build_prompt("a = 1\nb = 2\ncore.wait(", context, 100, words)
    common = len(a.text) - len("core.wa")
    assert a.text[:common] == b.text[:common]


POST = [
    # single-line mode keeps the rest of the line
    ("win, text='hi')\nstim.draw()", "stim = visual.TextStim(", "", False, "win, text='hi')"),
    # a closing bracket already in the document is not suggested twice
    ("win, text='hi')", "stim = visual.TextStim(", ")", False, "win, text='hi'"),
    # block mode stops when the model dedents out of the block
    ("\n    stim.draw()\n    win.flip()\nprint('done')", "for i in range(3):", "", True,
     "\n    stim.draw()\n    win.flip()"),
    # a repeated line ends the completion (small models loop)
    ("\n    win.flip()\n    core.wait(1)\n    win.flip()\n    core.wait(1)", "while True:", "", True,
     "\n    win.flip()\n    core.wait(1)"),
    # whitespace-only output shows nothing
    ("   \n  ", "x = ", "", True, ""),
]


@pytest.mark.parametrize("raw,prefix,suffix,multiline,expected", POST)
def test_postprocess(raw, prefix, suffix, multiline, expected):
    assert postprocess(raw, prefix, suffix, multiline) == expected


def test_valid_prefix_drops_hallucinated_api(api_index):
    before = "from psychopy import visual\nwin = visual.Window()\nstim = visual.TextStim(win)\n"

    def codes(source: str):
        return [(f.span[0], f.code) for f in check(Analysis(source, api_index))]

    # the second line invents a method: only the first survives
    assert valid_prefix(before, "stim.draw()\nstim.setColour('red')", "", codes) == "stim.draw()"
    # an invented keyword on the first line: nothing survives
    assert valid_prefix(before, "t = visual.TextStim(win, colour='red')", "", codes) == ""
    # valid code passes untouched
    assert valid_prefix(before, "stim.setColor('red')\nwin.flip()", "", codes) == "stim.setColor('red')\nwin.flip()"
