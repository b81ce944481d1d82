"""End-to-end: hover, completion, robustness and the sandbox runner through a real LSP session."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import (SERVER, change_doc, diagnostics_for, open_and_run, open_doc, position_of, run_command,
                         start_session)

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCRIPT = """from psychopy import visual, core, event
from psychopy.hardware import keyboard
win = visual.Window([800, 600], units="height")
stim = visual.TextStim(win, text="hi", height=0.1, pos=(0, 0.2))
kb = keyboard.Keyboard()
stim.setColor("red")
stim.setWrapWidth(0.5)
stim.pos = (0, 0)
keys = kb.getKeys(keyList=["space"])
core.wait(0.5)
win.flip()
"""


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root, runTimeoutS=30, runHeadless="always")
    yield
    await lsp_client.shutdown_session()


# (text to put the cursor on, offset into it, what the hover must contain)
HOVERS = [
    ("TextStim(win", 2, "(class) psychopy.visual.TextStim(win, text='Hello World'"),  # a class
    ('height=0.1', 1, "**Parameter** `height`"),  # a keyword argument: the parameter's own doc
    ('pos=(0, 0.2)', 1, "documented on* `visual.basevisual.BaseVisualStim.pos`"),  # an inherited parameter doc
    ("Keyboard()", 2, "psychopy.hardware.keyboard.Keyboard(deviceName=None"),  # class from hardware.keyboard
    ("setColor(", 2, "setColor(color, colorSpace=None"),  # a real inherited method
    ("setWrapWidth(", 2, "AttributeGetSetMixin"),  # a generated setter
    ("stim.pos =", 6, "(attribute)"),  # an attribute
    ("getKeys(", 2, "keyList"),  # Keyboard.getKeys, documented on KeyboardDevice
    ("core.wait", 6, "(function) psychopy.core.wait(secs, hogCPUperiod=0.2)"),  # re-exported function
    ("import visual", 8, "(module) psychopy.visual"),  # a module in an import
]


@pytest.mark.parametrize("needle,offset,expected", HOVERS)
async def test_hover(client: LanguageClient, needle, offset, expected):
    uri = await open_doc(client, SCRIPT)
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=position_of(SCRIPT, needle, offset)))
    assert result is not None
    assert expected in result.contents.value, result.contents.value[:400]


async def test_no_hover_on_plain_python(client: LanguageClient):
    text = "x = 1\nprint(x)\n"
    uri = await open_doc(client, text)
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=position_of(text, "print")))
    assert result is None


# (script, cursor after this text, labels that must be offered, labels that must not)
COMPLETIONS = [
    # members of a module
    ("from psychopy import visual\nvisual.", "visual.", {"TextStim", "Window", "ImageStim"}, set()),
    # members of an instance, half-typed buffer (the line does not parse)
    ("from psychopy import visual\nwin = visual.Window()\nstim = visual.TextStim(win)\nstim.",
     "stim.", {"draw", "setColor", "pos", "setWrapWidth"}, {"Window"}),
    # keyword arguments, minus those already given (positionally too)
    ("from psychopy import visual\nwin = visual.Window()\nvisual.TextStim(win, text='x', ", "text='x', ",
     {"color=", "pos=", "height="}, {"win=", "text="}),
    # keyword arguments across lines
    ("from psychopy import visual\nwin = visual.Window()\nvisual.TextStim(\n    win,\n    ", "win,\n    ",
     {"color=", "units="}, {"win="}),
    # values of a closed set
    ("from psychopy import visual\nwin = visual.Window(units='", "units='", {"pix", "height", "norm"},
     {"pixels"}),
    # members through an aliased import
    ("from psychopy.hardware import keyboard as kbd\nkb = kbd.Keyboard()\nkb.", "kb.", {"getKeys", "waitKeys",
                                                                                      "clearEvents"}, set()),
]


@pytest.mark.parametrize("script,after,must,must_not", COMPLETIONS)
async def test_completion(client: LanguageClient, script, after, must, must_not):
    uri = await open_doc(client, script)
    pos = position_of(script, after, len(after))
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
    labels = {item.label for item in (result.items if isinstance(result, lsp.CompletionList) else result or [])}
    assert must <= labels, must - labels
    assert not (must_not & labels)


async def test_binary_and_garbage_documents(client: LanguageClient):
    """Binary content, NUL bytes, lone surrogates and half-typed garbage: diagnostics come back, no crash."""
    for text in ["\x00\x01\x02 binary \xff\xfe", "def (:\n  ))) [[[ 'unterminated", "x = '\ud800'\n",
                 "from psychopy import visual\nvisual.TextStim(win, colour=" + "(" * 200]:
        uri = await open_doc(client, text)
        await diagnostics_for(client, uri, version=1)
    # and the server still answers a hover on a good document
    uri = await open_doc(client, SCRIPT)
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=position_of(SCRIPT, "TextStim(win", 2)))
    assert result is not None


async def test_large_document(client: LanguageClient):
    body = "stim.setColour('red')\nstim.draw()\nwin.flip()\n" * 16_667  # 50,001 lines
    text = "from psychopy import visual\nwin = visual.Window()\nstim = visual.TextStim(win)\n" + body
    uri = await open_doc(client, text)
    diagnostics = await diagnostics_for(client, uri, version=1, timeout=120)
    assert sum(1 for d in diagnostics if d.code == "PSY104") == 16_667


async def test_requests_for_unknown_documents(client: LanguageClient):
    uri = "file:///tmp/never_opened.py"
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 0)))
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)),
        context=lsp.CodeActionContext(diagnostics=[])))
    completion = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 0)))
    assert hover is None and not actions and not completion


async def test_positions_past_the_end(client: LanguageClient):
    uri = await open_doc(client, SCRIPT)
    for pos in [lsp.Position(500, 0), lsp.Position(0, 10_000)]:
        await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
        await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))


async def test_rapid_edits_publish_only_the_latest_version(client: LanguageClient):
    text = "from psychopy import visual\nwin = visual.Window()\n"
    uri = await open_doc(client, text)
    await diagnostics_for(client, uri, version=1)
    for version in range(2, 30):  # a burst of edits, each one a new version
        await change_doc(client, uri, text + f"stim = visual.TextStim(win, colour='red')  # {version}\n", version)
    diagnostics = await diagnostics_for(client, uri, version=29)
    assert [d.code for d in diagnostics if d.severity <= lsp.DiagnosticSeverity.Warning] == ["PSY101"]


async def test_unicode_columns(client: LanguageClient):
    """Columns are UTF-16 code units: an emoji before the mistake shifts it by two, not one or four."""
    text = "from psychopy import visual\nwin = visual.Window()\nt = visual.TextStim(win, text='🙂', colour='red')\n"
    uri = await open_doc(client, text)
    diagnostics = await diagnostics_for(client, uri, version=1)
    d = next(d for d in diagnostics if d.code == "PSY101")
    assert d.range.start == position_of(text, "colour")


async def test_run_script_maps_the_traceback(client: LanguageClient, tmp_path):
    """psychopy.runScript: the real script runs headless; the TypeError lands on the user's line."""
    path = tmp_path / "run_me.py"
    text = "from psychopy import visual, core\nwin = visual.Window([200, 200])\n" \
           "stim = visual.TextStim(win, text='x', **{'colour': 'red'})\n"
    path.write_text(text)
    uri = path.as_uri()
    await open_doc(client, text, uri=uri)
    await diagnostics_for(client, uri, version=1)
    client.diagnostics.pop(uri, None)  # the re-publication may arrive before the command's response
    result = await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.runScript", arguments=[uri])), 120)
    assert result["status"] == "error" and result["line"] == 3
    diagnostics = await diagnostics_for(client, uri, version=1)
    runtime = [d for d in diagnostics if d.source == "psychopy-run"]
    assert runtime and runtime[0].range.start.line == 2
    assert "unexpected keyword argument 'colour'" in runtime[0].message


RT_TASK = """from psychopy import visual, core
from psychopy.hardware import keyboard
win = visual.Window([400, 300], units="height")
kb = keyboard.Keyboard()
counts = {"left": 0, "right": 0}
for trial in range(3):
    keys = []
    while not keys:
        win.flip()
        keys = kb.getKeys(keyList=["left", "right"])
    counts[keys[0].name] += 1
    win.flip()
    core.wait(0.4)
print("left answers:", counts["Left"])
"""


async def proved_actions(client, uri, diagnostic):
    """The code actions on `diagnostic` whose fix a re-run proved."""
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    return [a for a in actions or [] if a.title.endswith("(proved by a re-run)")]


OLD_TIMER = """import time
from psychopy import core

start = time.clock()
core.wait(0.1)
print("took", time.clock() - start)
"""


async def test_the_same_mistake_twice_is_one_proved_fix_with_both_lines(client, tmp_path):
    """time.clock() (removed in Python 3.8) at the start and at the end: the run's fix covers both lines (the
    first alone would only move the AttributeError to line 6), and it was proved by a re-run."""
    uri, result = await open_and_run(client, tmp_path, "old_timer.py", OLD_TIMER)
    assert result["status"] == "error" and result["error_type"] == "AttributeError" and result["line"] == 4
    assert result["fix"] and "re-run" in result["fix"]["verified"] and "line 6" in result["fix"]["title"]
    diagnostics = await diagnostics_for(client, uri, version=1)
    error = next(d for d in diagnostics if d.source == "psychopy-run" and d.code == "AttributeError")
    proved = await proved_actions(client, uri, error)
    assert len(proved) == 1
    edits = sorted((e.range.start.line, e.new_text) for e in proved[0].edit.document_changes[0].edits)
    assert edits == [(3, "start = time.perf_counter()"), (5, 'print("took", time.perf_counter() - start)')]


async def test_run_script_emulates_keyboard_answers_and_offers_a_fix_proved_by_a_rerun(client, tmp_path):
    """A Keyboard RT task runs (its reads answered, a stale key exposed); its KeyError gets the literal key as a
    quick fix only after the fixed script ran clean; applying it and running again ends without an error."""
    path = tmp_path / "rt_task.py"
    uri, result = await open_and_run(client, tmp_path, path.name, RT_TASK)
    assert result["status"] == "error" and result["error_type"] == "KeyError" and result["line"] == 14
    assert result["keyboard_backend"] in ("ptb", "event")
    assert sum(p["kind"] == "answer" for p in result["presses"]) >= 2
    assert result["fix"] and "re-run" in result["fix"]["verified"]
    diagnostics = await diagnostics_for(client, uri, version=1)
    runtime = {d.code: d for d in diagnostics if d.source == "psychopy-run"}
    assert runtime["stale-key"].range.start.line == 9  # the read that took the press made between trials
    error = runtime["KeyError"]
    proved = await proved_actions(client, uri, error)
    assert len(proved) == 1 and "'left'" in proved[0].title
    change = proved[0].edit.document_changes[0]
    assert change.text_document.version == 1 and len(change.edits) == 1
    assert change.edits[0].range.start.line == 13 and change.edits[0].new_text == \
        'print("left answers:", counts["left"])'
    fixed = RT_TASK.replace('counts["Left"]', 'counts["left"]')
    path.write_text(fixed)
    await change_doc(client, uri, fixed, version=2)
    await diagnostics_for(client, uri, version=2)
    client.diagnostics.pop(uri, None)
    again = await run_command(client, uri)
    assert again["status"] == "ok" and again["version"] == 2 and again["fix"] is None
    # the fix of version 1 is not offered on version 2
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=error.range,
        context=lsp.CodeActionContext(diagnostics=[])))
    assert not [a for a in actions or [] if a.title.endswith("(proved by a re-run)")]
