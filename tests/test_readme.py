"""The README's tables against the code, row by row: the settings (names, defaults, descriptions) and the
diagnostic codes (every code, and which have a quick fix)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.checks.findings import CODES, FIXABLE
from psychopy_lsp.server.settings import markdown_table

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def table_after(heading: str) -> list[str]:
    """The rows of the first Markdown table below `heading` (header and separator excluded)."""
    section = README.split(heading, 1)[1]
    rows = []
    for line in section.splitlines():
        if line.startswith("|"):
            rows.append(line.rstrip())
        elif rows:
            break
    return rows[2:]


def test_settings_table_is_the_schema():
    assert table_after("### Settings") == markdown_table().splitlines()[2:]


def test_codes_table_matches_the_checker():
    rows = {}
    for row in table_after("### Diagnostic codes"):
        cells = [c.strip() for c in row.strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[-1] == "yes"
    assert set(rows) == set(CODES)
    assert {code for code, fixable in rows.items() if fixable} == set(FIXABLE)


def test_fixes_come_only_with_fixable_codes(api_index):
    """Over the end-to-end table of mistakes: a fix is attached only to a FIXABLE code, and every FIXABLE code
    gets one somewhere in the table."""
    from test_lsp_diagnostics import CASES, H
    from test_timing_checks import WRONG

    # a colour name close enough to a real one for a certain repair (the table's own is not); an undefined
    # PsychoPy module
    extra = [(H + "c = visual.Circle(win, fillColor='whte')\n", 3, "PSY109"),
             ("from psychopy import visual\ncore.wait(0.5)\n", 2, "F821")]
    seen = set()
    for script, _line, _code in CASES + extra + [(source, line, code) for code, source, line in WRONG]:
        for finding in check(Analysis(script, api_index)):
            if finding.fix is not None:
                assert finding.code in FIXABLE, finding
                seen.add(finding.code)
    assert seen == set(FIXABLE)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_row(code):
    assert re.search(rf"^\| `{code}` \|", README, re.M)
