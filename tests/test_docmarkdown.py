"""Docstrings as Markdown for hover and completion (server/features/docmarkdown.py), on strings."""

import pytest

from psychopy_lsp.server.features.docmarkdown import clip, online_url, to_markdown

WINDOW = "https://www.psychopy.org/api/visual/window.html#psychopy.visual.Window"

CASES = [
    # a Sphinx role with ~ shows the last part, linked to psychopy.org where the class has a page
    ("Drawn in a :class:`~psychopy.visual.Window`", f"Drawn in a [`Window`]({WINDOW})"),
    # a role on a name outside psychopy: code, no link
    ("See :func:`numpy.sin`.", "See `numpy.sin`."),
    # `text <target>`: the text the author chose
    ("Read :ref:`the timing page <timing>`.", "Read the timing page."),
    # double-backtick literals become single
    ("Set ``units='deg'`` first.", "Set `units='deg'` first."),
    # a numpy section: a bold title and one list item per parameter, type in brackets
    ("Parameters\n----------\nsecs : float\n    How long.\n    In seconds.\n",
     "**Parameters**\n\n- `secs` (float): How long. In seconds."),
    # numpy Returns: the type, then its description
    ("Returns\n-------\nfloat or None\n    Time of the flip.", "**Returns**\n\n- *float or None*: Time of the flip."),
    # sphinx fields collected at the end, :type merged into its :param
    ("Do it.\n\n:param win: the window\n:type win: Window\n:returns: nothing",
     "Do it.\n\n**Parameters**\n\n- `win` (Window): the window\n\n**Returns**\n\n- nothing"),
    # PsychoPy's old :Parameters: heading with `name : type` entries
    (":Parameters:\n    keyList : **None** or []\n        Keys to check.\n",
     "**Parameters**\n\n- `keyList` (**None** or []): Keys to check."),
    # google Args: entries
    ("Args:\n    keys (list): Keys to wait for.\n", "**Args**\n\n- `keys` (list): Keys to wait for."),
    # a note directive becomes a quoted, bold label
    (".. note::\n    Slow on macOS.\n", "> **Note:** Slow on macOS."),
    # versionadded keeps its version
    (".. versionadded:: 2020.1\n", "> **New in version 2020.1:**"),
    # `::` starts a literal block: fenced, dedented
    ("For example::\n\n    win.flip()\n", "For example:\n\n```python\nwin.flip()\n```"),
    # a code-block directive keeps its language
    (".. code-block:: python\n\n    x = 1\n", "```python\nx = 1\n```"),
    # doctest lines are fenced
    (">>> core.wait(1)\n>>> win.close()", "```python\n>>> core.wait(1)\n>>> win.close()\n```"),
    # a simple table keeps its layout inside a fence
    ("=====  =====\nunits  means\n=====  =====\npix    pixels\n=====  =====",
     "```\n=====  =====\nunits  means\n=====  =====\npix    pixels\n=====  =====\n```"),
    # an indented list is dedented (Markdown would show it as code)
    ("Keys:\n\n    - **xx** the input\n    - **yy** the output", "Keys:\n\n- **xx** the input\n- **yy** the output"),
    # an image directive is dropped, the text around it stays
    ("Before.\n\n.. image:: pic.png\n\nAfter.", "Before.\n\nAfter."),
    # a heading underlined with = becomes bold
    ("Usage\n=====\nDraw it.", "**Usage**\n\nDraw it."),
    # plain prose passes through untouched
    ("Just words, with a colon: here.", "Just words, with a colon: here."),
    # nothing in, nothing out
    ("", ""),
]


@pytest.mark.parametrize("doc, markdown", CASES)
def test_to_markdown(doc, markdown):
    assert to_markdown(doc) == markdown


@pytest.mark.parametrize("doc", [
    # malformed reST never raises: unclosed literal, a lone underline, a field without a name
    "``unclosed", "----------\n", ":param: nothing", ".. ::", "::", "Parameters\n----------\n",
    "\t\tTabbed\n\tlines",
])
def test_malformed_docstrings_do_not_raise(doc):
    assert isinstance(to_markdown(doc), str)


@pytest.mark.parametrize("symbol, display, url", [
    # a visual class has its own page
    ("psychopy.visual.text.TextStim", "psychopy.visual.TextStim",
     "https://www.psychopy.org/api/visual/textstim.html#psychopy.visual.TextStim"),
    # a member anchors on that page
    ("psychopy.visual.window.Window.flip", "psychopy.visual.Window.flip",
     "https://www.psychopy.org/api/visual/window.html#psychopy.visual.Window.flip"),
    # a module-level function: its module's page
    ("psychopy.clock.wait", "psychopy.core.wait", "https://www.psychopy.org/api/core.html#psychopy.core.wait"),
    # a submodule page
    ("psychopy.hardware.keyboard.Keyboard", "psychopy.hardware.keyboard.Keyboard",
     "https://www.psychopy.org/api/hardware/keyboard.html#psychopy.hardware.keyboard.Keyboard"),
    # a visual class without a page of its own, and a module without one: no link rather than a dead one
    ("psychopy.visual.basevisual.BaseVisualStim", "psychopy.visual.BaseVisualStim", None),
    ("psychopy.experiment.Experiment", "psychopy.experiment.Experiment", None),
])
def test_online_url(symbol, display, url):
    assert online_url(symbol, display) == url


def test_clip_cuts_between_paragraphs_and_closes_a_fence():
    text = "One.\n\n```python\n" + "x = 1\n" * 50 + "```"
    out = clip(text, 60)
    assert out.count("```") % 2 == 0 and out.endswith("…") and len(out) < len(text)
    assert clip("short", 60) == "short"
    # a heading left without its section goes too
    assert clip("Intro text here.\n\n**Parameters**\n\n- `a`: " + "x" * 80, 40) == "Intro text here.\n\n…"
