"""Deterministic quick fixes (server/features/edits.py, code_actions.py) on strings: every edit is re-parsed and
re-checked before it is offered, keeps the document's line endings, and touches only the tokens it must."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from psychopy_lsp.server.checks import Finding, Fix
from psychopy_lsp.server.cli.demo import apply_edits
from psychopy_lsp.server.documents import Snapshot
from psychopy_lsp.server.features.code_actions import quick_fixes
from psychopy_lsp.server.features.edits import apply_fix, verify_fix


def snap(text: str, index) -> Snapshot:
    return Snapshot.build("file:///t.py", 1, 1, text, index)


def offered(text: str, index, code: str) -> list[tuple[lsp.CodeAction, str]]:
    """The quick fixes offered for `code` anywhere in `text`, each with the text it produces."""
    s = snap(text, index)
    end = lsp.Position(line=len(s.lines.lines), character=0)
    params = lsp.CodeActionParams(text_document=lsp.TextDocumentIdentifier(uri=s.uri),
                                  range=lsp.Range(start=lsp.Position(line=0, character=0), end=end),
                                  context=lsp.CodeActionContext(diagnostics=[]))
    out = []
    for action in quick_fixes(s, params):
        if code in {f.code for f in s.findings() if f.fix and f.fix.title == action.title}:
            out.append((action, apply_edits(text, action.edit.document_changes[0].edits)))
    return out


FIXES = [
    # PSY108, the only name: just the module token changes; the alias and the comment stay
    ("from psychopy import keyboard as kbmod  # the keyboard\n",
     "from psychopy.hardware import keyboard as kbmod  # the keyboard\n"),
    # PSY108 among other names in parentheses with comments: only `keyboard,` goes, its import comes above
    ("from psychopy import (visual,  # stimuli\n    keyboard,  # responses\n    core)\n",
     "from psychopy.hardware import keyboard\nfrom psychopy import (visual,  # stimuli\n    # responses\n    core)\n"),
    # PSY108, the last name: the comma before it goes with it
    ("from psychopy import visual, keyboard\n",
     "from psychopy.hardware import keyboard\nfrom psychopy import visual\n"),
    # PSY108 inside an indented block keeps the block's indentation
    ("if True:\n    from psychopy import core, keyboard\n",
     "if True:\n    from psychopy.hardware import keyboard\n    from psychopy import core\n"),
]


@pytest.mark.parametrize("before,after", FIXES)
def test_import_fix_touches_only_its_tokens(before, after, api_index):
    fixes = offered(before, api_index, "PSY108")
    assert [text for _, text in fixes] == [after]


def test_crlf_documents_stay_crlf(api_index):
    text = "from psychopy import visual, keyboard\r\nwin = visual.Window()\r\n"
    [(action, fixed)] = offered(text, api_index, "PSY108")
    assert fixed == "from psychopy.hardware import keyboard\r\nfrom psychopy import visual\r\nwin = visual.Window()\r\n"
    assert "\n" not in fixed.replace("\r\n", "")


H = "from psychopy import visual\nwin = visual.Window()\n"


def test_rgb255_fix_after_a_keyword_value(api_index):
    [(_, fixed)] = offered(H + "r = visual.Rect(win, fillColor=(255, 0, 0), pos=(0, 0))\n", api_index, "PSY110")
    assert "fillColor=(255, 0, 0), colorSpace='rgb255', pos=(0, 0)" in fixed


def test_rgb255_fix_never_puts_a_keyword_before_positional_arguments(api_index):
    # TextStim(win, text, font, pos, depth, rgb, color, ...): a positional colour followed by more positionals
    source = H + "t = visual.TextStim(win, 'hi', '', (0, 0), 0, None, (255, 0, 0), 'rgb', 1.0)\n"
    s = snap(source, api_index)
    assert "PSY110" in {f.code for f in s.findings()}  # still reported
    assert offered(source, api_index, "PSY110") == []  # but no fix that would not parse


def test_a_fix_that_would_not_parse_is_never_offered(api_index):
    s = snap(H + "stim = visual.TextStim(win, colour='red')\n", api_index)
    finding = next(f for f in s.findings() if f.code == "PSY101")
    broken = Finding(finding.code, finding.message, finding.severity, finding.span,
                     Fix("break it", [(finding.span, "colour=(")]))
    assert verify_fix(s, finding) and not verify_fix(s, broken)


def test_a_fix_that_adds_a_finding_is_never_offered(api_index):
    s = snap(H + "stim = visual.TextStim(win, colour='red')\n", api_index)
    finding = next(f for f in s.findings() if f.code == "PSY101")
    worse = Finding(finding.code, finding.message, finding.severity, finding.span,
                    Fix("rename to another wrong name", [(finding.span, "fontColour")]))
    assert not verify_fix(s, worse)


def test_apply_fix_counts_utf8_bytes(api_index):
    text = "t = 'é'; x = 1\n"  # the é is 2 bytes in ast columns, 1 character in the string
    fix = Fix("x", [((1, len("t = 'é'; ".encode()), 1, len("t = 'é'; x".encode())), "y")])
    assert apply_fix(text, fix) == "t = 'é'; y = 1\n"


def test_every_offered_fix_removes_its_finding(api_index):
    """Across a script with one mistake of each fixable kind: each offered fix, applied alone, leaves no finding
    of its code on that line and adds none."""
    source = (H + "stim = visual.TextStim(win, colour='red', units='pixels')\nstim.setColour('blue')\n"
              "from psychopy import keyboard\nr = visual.Rect(win, fillColor=(255, 0, 0))\n")
    s = snap(source, api_index)
    for finding in s.findings():
        if finding.fix is not None:
            assert verify_fix(s, finding), finding
