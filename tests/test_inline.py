"""The inline-completion gatekeepers (server/inline.py), on strings."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.model.inline import (FIM_MIDDLE, FIM_PREFIX, FIM_SUFFIX, build_prompt, constrain,
                                             postprocess, repeats_below, should_complete, valid_prefix,
                                             window_start)

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
    """A token counter for tests: one token per word, one per line end (the server uses the model's tokenizer)."""
    return len(text.split()) + text.count("\n")


def test_build_prompt_is_fill_in_the_middle_within_its_budgets():
    before = "\n".join(f"line{i} = {i}" for i in range(100)) + "\nstim = visual.TextStim("
    after = ")\n" + "\n".join(f"below{i} = {i}" for i in range(50))
    context = [f"visual.TextStim(win, text='Hello World', pos=(0.0, 0.0)) {i}" for i in range(20)]
    prompt = build_prompt(before, after, context, words, prefix_budget=120, suffix_budget=12)
    head, rest = prompt.text.split(FIM_PREFIX)
    above, rest = rest.split(FIM_SUFFIX)
    suffix, typed = rest.split(FIM_MIDDLE)
    assert typed == "stim = visual.TextStim("  # the cursor's line as typed opens the middle: the model goes on
    assert words(head) + words(above) + words(typed) <= 120 and words(suffix) <= 12
    assert above.endswith("line99 = 99\n") and "line0 = 0" not in above  # nearest lines kept
    assert suffix.startswith(")\nbelow0 = 0") and "below49" not in suffix  # what follows the cursor, trimmed
    assert head.startswith("# visual.TextStim") and 0 < prompt.context_lines < 20  # stable context first
    assert prompt.suffix == suffix


def test_typing_on_a_line_changes_only_the_end_of_the_prompt():
    """KV-cache reuse: keystrokes on one line leave everything up to the middle marker byte-identical (the suffix
    included), so llama.cpp processes only the typed characters again."""
    context = ["core.wait(secs, hogCPUperiod=0.2)"]
    a = build_prompt("a = 1\nb = 2\ncore.wa", "\nc = 3", context, words)
    b = build_prompt("a = 1\nb = 2\ncore.wait(", "\nc = 3", context, words)
    common = a.text.index(FIM_MIDDLE) + len(FIM_MIDDLE)
    assert a.text[:common] == b.text[:common] and "c = 3" in a.text[:common]


def test_the_window_start_moves_rarely_and_by_whole_chunks():
    """Typing down a long script: the prompt's head stays byte-identical for many lines (llama.cpp reuses its KV
    cache), then jumps by about a quarter of the budget, never line by line."""
    lines = [f"x{i} = {i} + {i}" for i in range(400)]
    starts = [window_start(lines[:c] + ["y = "], 120, words) for c in range(200, 400)]
    moves = [b - a for a, b in zip(starts, starts[1:]) if b != a]
    assert all(b >= a for a, b in zip(starts, starts[1:]))  # only forward
    assert len(moves) <= len(starts) // 4  # rarely: not on every new line
    assert min(moves) >= 4  # by whole chunks
    assert window_start(lines[:10], 120, words) == 0  # a short document is whole


POST = [
    # the rest of the line, nothing after its end
    ("win, text='hi')\nstim.draw()", "stim = visual.TextStim(", "", True, "win, text='hi')"),
    # a closing bracket already in the document is not suggested twice
    ("win, text='hi')", "stim = visual.TextStim(", ")", True, "win, text='hi'"),
    # cut off by the token limit before the line ended: nothing, never a fragment
    ("win, text='hel", "stim = visual.TextStim(", "", False, ""),
    # ... unless the line end arrived within the limit
    ("win)\nst", "stim = visual.TextStim(", "", False, "win)"),
    # whitespace-only output shows nothing
    ("   ", "x = ", "", True, ""),
    # trailing whitespace is dropped
    ("core.wait(1)   ", "", "", True, "core.wait(1)"),
]


@pytest.mark.parametrize("raw,prefix,suffix,finished,expected", POST)
def test_postprocess(raw, prefix, suffix, finished, expected):
    assert postprocess(raw, prefix, suffix, finished) == expected


REPEATS = [
    ("    ", "win.flip()", "\n    win.flip()\n", True),  # the next line, copied
    ("    ", "win.flip()", "\n\n   \n    win.flip()", True),  # blank lines in between do not hide it
    ("    win.", "flip()", "\n    win.flip()", True),  # mid-line: the whole resulting line counts
    ("    ", "win.flip()", "\n    core.wait(1)\n    win.flip()", False),  # only the next line: not a repeat
    ("", "win.flip()", "", False),  # nothing below
]


@pytest.mark.parametrize("prefix,text,after,expected", REPEATS)
def test_repeats_below(prefix, text, after, expected):
    assert repeats_below(prefix, text, after) is expected


MEMBERS = ["setColor", "setPos", "draw", "color", "pos"]
KEYWORDS = ["color=", "text=", "pos=", "units="]
UNITS = ["pix", "norm", "height", "deg", "cm"]
NAMES = ["stimText", "win", "clock", "range", "print"]
CONSTRAIN = [
    ("stim.", "setPos((0, 0))", MEMBERS, (), "ok", ""),  # a real member
    ("stim.se", "tPos((0, 0))", MEMBERS, (), "ok", ""),  # ... with part of it typed
    ("stim.", "setColr('red')", MEMBERS, (), "replace", "setColor"),  # invented: the closest real one
    ("stim.", "set_color('red')", MEMBERS, (), "replace", "setColor"),  # snake case invented
    ("stim.se", "tColr('red')", MEMBERS, (), "replace", "tColor"),  # only the untyped part is replaced
    ("stim.", "render()", MEMBERS, (), "drop", ""),  # nothing close: dropped
    ("visual.TextStim(win, ", "colour='red')", KEYWORDS, (), "replace", "color="),  # invented keyword
    ("visual.TextStim(win, ", "text='hi')", KEYWORDS, (), "ok", ""),  # a real keyword
    ("visual.TextStim(", "win, text='hi')", KEYWORDS, (), "ok", ""),  # positional first: not a keyword
    ("visual.TextStim(win, ", "flavour='mint')", KEYWORDS, (), "drop", ""),  # an invented keyword, nothing close
    ("visual.TextStim(win, units='", "pix')", UNITS, (), "ok", ""),  # a closed-set value
    ("visual.TextStim(win, units='", "pixels')", UNITS, (), "replace", "pix"),  # not in the set
    ("", "stimtext.draw()", (), NAMES, "replace", "stimText"),  # a name the document does not define
    ("", "stimText.draw()", (), NAMES, "ok", ""),  # one it does
    ("for ", "stimtext in texts:", (), NAMES, "ok", ""),  # binding a new name is not reading one
    ("", "stimtext = 3", (), NAMES, "ok", ""),  # an assignment binds
    ("", "response = event.getKeys()", (), NAMES, "ok", ""),  # a new name, nothing close: kept
    ("", "if True:", (), NAMES, "ok", ""),  # keywords are not names
]


@pytest.mark.parametrize("prefix,text,candidates,names,verdict,start", CONSTRAIN)
def test_constrain(prefix, text, candidates, names, verdict, start):
    rule = constrain(prefix, text, candidates, names)
    assert (rule.verdict, rule.start) == (verdict, start)


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
