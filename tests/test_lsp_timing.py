"""End-to-end through the real server: timing and logic findings with their severity, source and docs link, the
hover that explains them, a quick fix that moves code (checked against the region it declares), pyflakes'
findings merged in, and the `checks` setting switching families off."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, apply_edits, change_doc, diagnostics_for, open_doc, start_session

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCRIPT = """from psychopy import visual, event, data
win = visual.Window([800, 600])
clock = core.Clock()
exp = data.ExperimentHandler(dataFileName='out')
for t in range(3):
    msg = visual.TextStim(win, text='go')
    clock.reset()
    msg.draw()
    win.flip()
    keys = event.waitKeys(keyList=['spacebar'], timeStamped=clock)
    exp.addData('keys', keys)
win.close()
"""


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root)
    yield
    await lsp_client.shutdown_session()


def by_code(diagnostics) -> dict:
    return {d.code: d for d in diagnostics}


async def test_timing_findings_hover_and_fixes(client: LanguageClient):
    uri = await open_doc(client, SCRIPT)
    found = by_code(await diagnostics_for(client, uri, 1))
    # RT clock reset before the flip, the key name, addData without nextEntry, and pyflakes' undefined `core`
    assert {"PSY301", "PSY327", "PSY331", "F821"} <= set(found), sorted(found)
    assert found["PSY301"].range.start.line == 6 and found["PSY301"].severity == lsp.DiagnosticSeverity.Warning
    assert found["PSY301"].code_description.href.startswith("https://www.psychopy.org/")
    assert found["F821"].source == "pyflakes" and found["F821"].severity == lsp.DiagnosticSeverity.Error
    assert found["PSY301"].source == "psychopy-lsp"

    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=found["PSY301"].range.start))
    assert "**PSY301**" in hover.contents.value and "callOnFlip" in hover.contents.value

    expected = {
        "PSY301": "    win.callOnFlip(clock.reset)\n",
        "PSY327": "keyList=['space']",
        "PSY331": "    exp.addData('keys', keys)\n    exp.nextEntry()\n",
        "F821": "from psychopy import visual, event, data, core\n",
    }
    for code, text in expected.items():
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=found[code].range,
            context=lsp.CodeActionContext(diagnostics=[found[code]])))
        fix = next(a for a in actions if a.edit is not None)
        assert text in apply_edits(SCRIPT, fix.edit.document_changes[0].edits), (code, fix.title)


async def test_checks_setting_switches_families_off(client: LanguageClient, kb_root):
    uri = await open_doc(client, SCRIPT)
    assert "PSY301" in by_code(await diagnostics_for(client, uri, 1))
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"kbDir": str(kb_root), "debounceMs": 0, "checks": {"timing": False, "pyflakes": False}}))
    await change_doc(client, uri, SCRIPT + "\n", 2)
    found = by_code(await diagnostics_for(client, uri, 2))
    assert "PSY301" not in found and "F821" not in found and "PSY327" in found
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"kbDir": str(kb_root), "debounceMs": 0}))
