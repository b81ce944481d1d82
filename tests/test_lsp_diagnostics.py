"""End-to-end: buggy experiment scripts through a real LSP client (pytest-lsp) against the real server process,
with the line and code each must produce, then every offered quick fix applied and re-checked."""

from __future__ import annotations

import ast

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, apply_edits, change_doc, diagnostics_for, open_doc, start_session

# one server per module: the tests run in the fixture's event loop
pytestmark = pytest.mark.asyncio(loop_scope="module")

H = "from psychopy import visual, core, event, data, sound\nwin = visual.Window([800, 600])\n"  # 2 lines


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root)
    yield
    await lsp_client.shutdown_session()


# (script, line, code) — lines are 1-based; H adds two lines (imports, a window) in front where used
CASES = [
    # misspelled keyword with the real suggestion (the real TypeError: unexpected keyword argument 'colour')
    (H + "stim = visual.TextStim(win, text='hi', colour='red')\n", 3, "PSY101"),
    # keyword through an aliased import
    ("from psychopy import visual as v\nwin = v.Window()\nt = v.TextStim(win, fontSize=20)\n", 3, "PSY101"),
    # keyword on a class imported by name
    ("from psychopy.visual import TextStim, Window\nw = Window()\nt = TextStim(w, colour='red')\n", 3, "PSY101"),
    # inside a function, with the window as a parameter
    (H + "def make(win):\n    return visual.TextStim(win, colour='red')\n", 4, "PSY101"),
    # missing required positional: win
    (H + "stim = visual.TextStim(text='x')\n", 3, "PSY102"),
    # TrialHandler.__init__() missing 1 required positional argument: 'nReps'
    (H + "trials = data.TrialHandler(trialList=[{}])\n", 3, "PSY102"),
    # too many positionals
    (H + "core.wait(1, 0.2, True)\n", 3, "PSY103"),
    # AttributeError: 'TextStim' object has no attribute 'setColour'
    (H + "stim = visual.TextStim(win)\nstim.setColour('red')\n", 4, "PSY104"),
    # a typo on the window
    (H + "win.flipp()\n", 3, "PSY104"),
    # Keyboard method typo
    ("from psychopy.hardware import keyboard\nkb = keyboard.Keyboard()\nkeys = kb.getkeys()\n", 3, "PSY104"),
    # attribute through self in a class
    (H + "class Task:\n    def __init__(self):\n        self.stim = visual.TextStim(win)\n"
         "    def run(self):\n        self.stim.setColour('red')\n", 7, "PSY104"),
    # a name that does not exist in the module
    (H + "stim = visual.TextStimm(win)\n", 3, "PSY105"),
    # importing a name that does not exist
    ("from psychopy.visual import TextStimm\n", 1, "PSY105"),
    # ValueError: Unit type 'pixels' not recognised
    ("from psychopy import visual\nwin = visual.Window(units='pixels')\n", 2, "PSY106"),
    # degrees is not a unit name either
    (H + "stim = visual.TextStim(win, units='degrees')\n", 3, "PSY106"),
    # colour space in capitals
    (H + "stim = visual.TextStim(win, colorSpace='RGB')\n", 3, "PSY106"),
    # PluginRequiredError: RatingScale lives in psychopy-legacy now
    (H + "rating = visual.RatingScale(win)\n", 3, "PSY107"),
    # ImportError: cannot import name 'keyboard' from 'psychopy'
    ("from psychopy import keyboard\n", 1, "PSY108"),
    # and as a dotted import
    ("import psychopy.keyboard\n", 1, "PSY108"),
    # a function imported as if it were a module (core.py has no submodules; waitKeys lives in event)
    ("from psychopy.core.waitKeys import waitKeys\n", 1, "PSY108"),
    # a class imported as if it were a module
    ("import psychopy.visual.TextStim\n", 1, "PSY108"),
    # color='reddish' is only logged
    (H + "c = visual.Circle(win, fillColor='reddish')\n", 3, "PSY109"),
    # fillColor=(255, 0, 0) without colorSpace='rgb255'
    (H + "r = visual.Rect(win, fillColor=(255, 0, 0))\n", 3, "PSY110"),
    # win.flip without ()
    (H + "win.flip\n", 3, "PSY201"),
    # core.quit without ()
    (H + "core.quit\n", 3, "PSY201"),
    # core.Clock without (): a class used as an instance
    (H + "clock = core.Clock\nt = clock.getTime()\n", 3, "PSY202"),
    # TypeError: unsupported operand type(s) for -: 'str' and 'float'
    (H + "core.wait('0.5')\n", 3, "PSY203"),
    # a numeric parameter with a numeric default
    (H + "c = visual.Circle(win, radius='0.1')\n", 3, "PSY203"),
    # keyList='space' matches 's', 'p', 'a', 'c', 'e'
    (H + "keys = event.getKeys(keyList='space')\n", 3, "PSY204"),
    # same on the Keyboard class
    ("from psychopy.hardware import keyboard\nkb = keyboard.Keyboard()\nk = kb.getKeys(keyList='space')\n", 3,
     "PSY204"),
    # indexing a possibly empty key list
    (H + "keys = event.getKeys()\nif keys[0] == 'q':\n    core.quit()\n", 4, "PSY205"),
    # waitKeys with a timeout may return nothing too
    (H + "keys = event.waitKeys(maxWait=2)\nprint(keys[0])\n", 4, "PSY205"),
    # Python's own syntax error: a missing colon
    (H + "for i in range(3)\n    win.flip()\n", 3, "PSY001"),
    # an unclosed bracket
    (H + "stim = visual.TextStim(win, text='x'\n", 3, "PSY001"),
]


@pytest.mark.parametrize("script,line,code", CASES)
async def test_diagnostic(client: LanguageClient, script, line, code):
    uri = await open_doc(client, script)
    diagnostics = await diagnostics_for(client, uri, version=1)
    found = [(d.range.start.line + 1, d.code) for d in diagnostics]
    assert (line, code) in found, found


# Scripts that are correct: nothing may be reported (precision).
CLEAN = [
    # the basics, with attribute assignment and generated setters
    H + "stim = visual.TextStim(win, text='hi', color='red', pos=(0, 0), units='pix')\n"
        "stim.text = 'x'\nstim.setPos((1, 1))\nstim.setText('y')\nstim.draw()\nwin.flip()\n",
    # user-defined attributes on PsychoPy objects are legal Python
    H + "stim = visual.TextStim(win)\nstim.myTrialNumber = 3\nprint(stim.myTrialNumber)\n",
    # keyword splats cannot be checked, so they are not
    H + "opts = {'colour': 'red'}\nstim = visual.TextStim(win, **opts)\n",
    # a guarded key list
    H + "keys = event.getKeys(keyList=['space'])\nif keys and keys[0] == 'space':\n    core.quit()\n",
    # a guarded key list in a loop
    H + "while True:\n    keys = event.getKeys()\n    if len(keys) > 0:\n        print(keys[0])\n        break\n",
    # waitKeys without a timeout always returns a key
    H + "keys = event.waitKeys(keyList=['space'])\nprint(keys[0])\n",
    # 0-255 values with the right colour space
    H + "r = visual.Rect(win, fillColor=(255, 0, 0), colorSpace='rgb255')\n",
    # names that are not PsychoPy are left alone
    "import numpy as np\nfrom mylib import visual\nvisual.Anything(colour=1)\nnp.zeros(3, colour=2)\n",
    # Keyboard usage from the docs
    "from psychopy.hardware import keyboard\nfrom psychopy import core\nkb = keyboard.Keyboard()\n"
    "kb.clock.reset()\nkeys = kb.waitKeys(keyList=['space'])\nfor key in keys:\n    print(key.name, key.rt)\n",
    # a one-letter keyList string matches only itself
    H + "k = event.getKeys(keyList='q')\n",
]


@pytest.mark.parametrize("script", CLEAN)
async def test_clean_script(client: LanguageClient, script):
    uri = await open_doc(client, script)
    diagnostics = await diagnostics_for(client, uri, version=1)
    # (hints such as an unused import in a snippet are allowed: they flag nothing as wrong)
    diagnostics = [d for d in diagnostics if d.severity in (lsp.DiagnosticSeverity.Error,
                                                           lsp.DiagnosticSeverity.Warning)]
    assert diagnostics == [], [(d.range.start.line + 1, d.code, d.message) for d in diagnostics]


FIXABLE = [(s, line, code) for s, line, code in CASES if code not in ("PSY001", "PSY103", "PSY107", "PSY205")]


@pytest.mark.parametrize("script,line,code", FIXABLE)
async def test_quick_fix_applies(client: LanguageClient, script, line, code):
    """Apply the preferred quick fix: the file still parses, the diagnostic is gone, only its range changed."""
    uri = await open_doc(client, script)
    diagnostics = await diagnostics_for(client, uri, version=1)
    target = next(d for d in diagnostics if d.code == code and d.range.start.line + 1 == line)
    if not target.data.get("fixable"):
        pytest.skip(f"{code} here has no certain repair")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=target.range,
        context=lsp.CodeActionContext(diagnostics=[target])))
    assert actions, "a fixable diagnostic must come with a quick fix"
    action = actions[0]
    assert action.edit.changes is None and len(action.edit.document_changes) == 1  # one document: this one
    change = action.edit.document_changes[0]
    assert change.text_document.uri == uri and change.text_document.version == 1  # pinned to the diagnosed version
    for edit in change.edits:  # never outside the diagnostic's range
        assert (target.range.start.line, target.range.start.character) <= (edit.range.start.line,
                                                                             edit.range.start.character)
        assert (edit.range.end.line, edit.range.end.character) <= (target.range.end.line, target.range.end.character)
    fixed = apply_edits(script, change.edits)
    ast.parse(fixed)
    before = script.splitlines()
    after = fixed.splitlines()
    untouched = [i for i in range(len(before)) if i not in range(target.range.start.line, target.range.end.line + 1)]
    assert all(before[i] == after[i + (len(after) - len(before) if i > target.range.end.line else 0)]
               for i in untouched)
    await change_doc(client, uri, fixed, 2)
    again = await diagnostics_for(client, uri, version=2)
    assert not [d for d in again if d.code == code and d.range.start.line + 1 == line], fixed


async def test_fix_refused_for_a_newer_version(client: LanguageClient):
    script = H + "stim = visual.TextStim(win, colour='red')\n"
    uri = await open_doc(client, script)
    diagnostics = await diagnostics_for(client, uri, version=1)
    target = next(d for d in diagnostics if d.code == "PSY101")
    await change_doc(client, uri, script.replace("text", "txt") + "\n# edited\n", 2)
    await diagnostics_for(client, uri, version=2)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=target.range,
        context=lsp.CodeActionContext(diagnostics=[target])))  # the stale diagnostic from version 1
    assert not actions
