"""pyflakes as a rule family: its findings carry source `pyflakes` and flake8's codes, an undefined PsychoPy
name gets the import PsychoPy documents, a syntax error silences it, and switching families off works."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.documents import Snapshot
from psychopy_lsp.server.features.edits import apply_fix, verify_fix


def findings(source, index, code=None):
    return [f for f in check(Analysis(source, index)) if code is None or f.code == code]


FLAKES = [
    # the case: core used, never imported (NameError at run time)
    ("from psychopy import visual\ncore.wait(0.5)\n", "F821", "error"),
    # an unused import: faded, not a warning (Builder exports import everything)
    ("import os\n", "F401", "hint"),
    # an unused local variable
    ("def f():\n    x = 1\n", "F841", "hint"),
    # `is` with a literal
    ("x = 'a'\nif x is 'a':\n    pass\n", "F632", "warning"),
    # a redefinition of an unused name
    ("import random\nfrom numpy.random import random\nrandom()\n", "F811", "information"),
    # an f-string without placeholders
    ("print(f'hello')\n", "F541", "warning"),
]


@pytest.mark.parametrize("source,code,severity", FLAKES)
def test_pyflakes_findings(api_index, source, code, severity):
    [finding] = findings(source, api_index, code)
    assert finding.source == "pyflakes" and finding.severity == severity


@pytest.mark.parametrize("source,expected", [
    # added to the existing `from psychopy import ...` line
    ("from psychopy import visual\ncore.wait(0.5)\n", "from psychopy import visual, core\ncore.wait(0.5)\n"),
    # a new line after the imports when there is none
    ("import os\ncore.wait(0.5)\n", "import os\nfrom psychopy import core\ncore.wait(0.5)\n"),
    # a class: imported from its public module
    ("from psychopy import visual\nwin = visual.Window()\nt = TextStim(win)\n",
     "from psychopy import visual\nfrom psychopy.visual import TextStim\nwin = visual.Window()\nt = TextStim(win)\n"),
    # a PsychoPy module below the top level: imported from its package
    ("from psychopy import core\nkb = keyboard.Keyboard()\n",
     "from psychopy import core\nfrom psychopy.hardware import keyboard\nkb = keyboard.Keyboard()\n"),
])
def test_undefined_psychopy_name_gets_the_documented_import(api_index, source, expected):
    snap = Snapshot.build("file:///t.py", 1, 1, source, api_index)
    [finding] = [f for f in snap.findings() if f.code == "F821"]
    assert finding.fix is not None and verify_fix(snap, finding)
    assert apply_fix(source, finding.fix) == expected


def test_undefined_name_that_psychopy_lacks_has_no_fix(api_index):
    [finding] = findings("print(undefined_thing)\n", api_index, "F821")
    assert finding.fix is None


def test_names_made_at_run_time_are_not_undefined(api_index):
    """Builder exports turn each conditions column into a variable with exec: nothing static can see them."""
    source = "row = {'word': 'red'}\nfor name in row:\n    exec(f'{name} = row[name]')\nprint(word)\n"
    assert findings(source, api_index, "F821") == []


def test_syntax_error_silences_pyflakes(api_index):
    found = findings("from psychopy import visual\nwin = visual.Window(\nprint(x)\n", api_index)
    assert [f.code for f in found] == ["PSY001"]


def test_one_finding_per_place(api_index):
    """Where our own check reports at a place, pyflakes' generic message there is dropped."""
    found = findings("from psychopy import visual\nwin = visual.Window()\nwin.flipp()\n", api_index)
    assert [f.code for f in found if f.span[0] == 3] == ["PSY104"]


def test_families_can_be_switched_off(api_index):
    from psychopy_lsp.server.features.diagnostics import diagnostics
    from psychopy_lsp.server.settings import Settings

    source = "from psychopy import visual, core\nwin = visual.Window()\nimport os\nfps = win.getActualFrameRate()\n" \
             "n = 1 / fps\ncore.quit()\n"
    snap = Snapshot.build("file:///t.py", 1, 1, source, api_index)
    codes = {d.code for d in diagnostics(snap, Settings().checks)}
    assert {"PSY303", "F401"} <= codes
    settings, errors = Settings.from_options({"checks": {"timing": False, "pyflakes": False}})
    assert errors == []
    codes = {d.code for d in diagnostics(snap, settings.checks)}
    assert "PSY303" not in codes and "F401" not in codes


@pytest.mark.parametrize("source, codes", [
    # a byte-order mark before correct code (Builder writes one; Python runs it): no finding
    ("\ufeff#!/usr/bin/env python\nfrom psychopy import core\ncore.wait(0.5)\n", []),
    # ... and a real mistake after it is still found, on its own line
    ("\ufeff# -*- coding: utf-8 -*-\nfrom psychopy import visual\nwin = visual.Window(\nprint(x)\n", ["PSY001"]),
])
def test_a_byte_order_mark_is_not_code(api_index, source, codes):
    assert [f.code for f in findings(source, api_index)] == codes
