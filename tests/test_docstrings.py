"""Per-parameter docs from each docstring style PsychoPy mixes (kb/docstrings.py)."""

import pytest

from psychopy_lsp.kb.docstrings import param_docs, summary

CASES = [
    # numpy: `name : type` then an indented description; the type is kept in brackets
    ("Do it.\n\nParameters\n----------\nsecs : float\n    How long to wait.\nhog : bool\n    Spin.\n",
     {"secs": "(float) How long to wait.", "hog": "(bool) Spin."}),
    # numpy allows several names on one entry
    ("Parameters\n----------\nwidth, height : float\n    Size of the box.\n",
     {"width": "(float) Size of the box.", "height": "(float) Size of the box."}),
    # numpy: the next section ends the parameter list
    ("Parameters\n----------\na : int\n    First.\n\nReturns\n-------\nint\n    Result.\n", {"a": "(int) First."}),
    # sphinx :param: with and without a type, continuation lines joined
    (":param win: the window\n    to draw in\n:param int n: how many\n:returns: nothing",
     {"win": "the window to draw in", "n": "how many"}),
    # google Args: with `name (type): desc`
    ("Summary.\n\nArgs:\n    keys (list): Keys to wait for.\n    timeout: Seconds.\n",
     {"keys": "(list) Keys to wait for.", "timeout": "Seconds."}),
    # old PsychoPy `:Parameters:` with `name : type` entries (event.getKeys)
    (":Parameters:\n    keyList : **None** or []\n        Keys to check for.\n    modifiers : False\n        Return them.\n\n:Author:\n    - Jon",
     {"keyList": "(**None** or []) Keys to check for.", "modifiers": "(False) Return them."}),
    # a bare **name** definition entry (TextStim's languageStyle)
    ("Intro.\n\n**languageStyle**\n    Apply settings for RTL text.\n\nMore.", {"languageStyle": "Apply settings for RTL text."}),
    # prose only: nothing invented
    ("Just a description of things: with a colon.", {}),
]


@pytest.mark.parametrize("doc,expected", CASES)
def test_param_docs(doc, expected):
    assert param_docs(doc) == expected


@pytest.mark.parametrize("doc,expected", [
    ("One line.\n\nMore text.", "One line."),  # first paragraph only
    ("Wrapped\nsummary here.\n\nBody", "Wrapped summary here."),  # joined onto one line
    ("Parameters\n----------\nx : int\n", ""),  # a numpy header is not a summary
    ("", ""),  # no docstring
])
def test_summary(doc, expected):
    assert summary(doc) == expected
