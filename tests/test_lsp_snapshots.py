"""End-to-end regressions for the snapshot redesign, through the real server over stdio: a reopened document is
analysed afresh, a run's results belong to the text that ran, and an unknown setting is named once."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, change_doc, close_doc, diagnostics_for, new_uri, open_doc, send_now, start_session

pytestmark = pytest.mark.asyncio(loop_scope="module")

PIXELS = "from psychopy import visual\nwin = visual.Window(units='pixels')\n"
PIX = "from psychopy import visual\nwin = visual.Window(units='pix')\n"


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root, modelBackend="off", bogusSetting=1)
    yield
    await lsp_client.shutdown_session()


def begun(client, title: str) -> list:
    return [r for reports in client.progress_reports.values() for r in reports
            if isinstance(r, lsp.WorkDoneProgressBegin) and r.title == title]


async def test_a_reopened_document_is_analysed_afresh(client: LanguageClient):
    """What VS Code does after `git checkout` changed a file: close it, reopen the same URI at version 1 with
    other text. The old analysis (keyed on uri and version) used to come back, three times out of three."""
    uri = new_uri("exp")
    for attempt in range(3):
        await open_doc(client, PIXELS, uri, version=1)
        assert "PSY106" in {d.code for d in await diagnostics_for(client, uri, version=1)}
        await close_doc(client, uri)
        await open_doc(client, PIX, uri, version=1)
        found = [d for d in await diagnostics_for(client, uri, version=1)
                 if d.severity <= lsp.DiagnosticSeverity.Warning]  # (a hint such as an unclosed window is not stale)
        assert not found, f"attempt {attempt}: {[(d.code, d.message) for d in found]}"
        hover = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=15)))
        assert hover is not None and "Window" in hover.contents.value
        await close_doc(client, uri)


async def test_a_closed_document_answers_nothing(client: LanguageClient):
    uri = await open_doc(client, PIXELS)
    await diagnostics_for(client, uri, version=1)
    await close_doc(client, uri)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=8)))
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=1, character=0), end=lsp.Position(line=1, character=30)),
        context=lsp.CodeActionContext(diagnostics=[])))
    assert hover is None and not actions


async def test_run_results_belong_to_the_version_that_ran(client: LanguageClient):
    """The handler used to read the live document's version after the run (an await of seconds), so a traceback
    of version 1 was published as a diagnostic of version 2."""
    uri = await open_doc(client, "import psychopy\nvalue = {}['missing']\n")
    await diagnostics_for(client, uri, version=1)
    started = len(begun(client, "Running the experiment"))
    run = send_now(client, lsp.WORKSPACE_EXECUTE_COMMAND, lsp.ExecuteCommandParams(
        command="psychopy.runScript", arguments=[uri]))
    while len(begun(client, "Running the experiment")) == started:  # the run has begun: edit while it runs
        await asyncio.wait_for(client.wait_for_notification(lsp.PROGRESS), 60)
    await change_doc(client, uri, "import psychopy\nvalue = {'missing': 1}['missing']\n", 2)
    result = await asyncio.wait_for(run, 120)
    assert result["status"] == "error" and result["error_type"] == "KeyError"
    assert result["version"] == 1 and result["current"] is False
    found = await diagnostics_for(client, uri, version=2)
    assert not [d for d in found if d.source == "psychopy-run"]


async def test_run_results_are_published_for_the_current_version(client: LanguageClient):
    uri = await open_doc(client, "import psychopy\nvalue = {}['missing']\n")
    await diagnostics_for(client, uri, version=1)
    result = await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.runScript", arguments=[uri])), 120)
    assert result["current"] is True

    async def run_diagnostic():
        while True:
            found = [d for d in client.diagnostics.get(uri, []) if d.source == "psychopy-run"]
            if found:
                return found
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    [diagnostic] = await asyncio.wait_for(run_diagnostic(), 60)
    assert diagnostic.range.start.line == 1 and "KeyError" in diagnostic.message and diagnostic.data["version"] == 1


async def test_an_unknown_setting_is_named_once(client: LanguageClient, kb_root):
    for _ in range(3):  # VS Code sends the configuration on every change
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
            settings={"kbDir": str(kb_root), "debounceMs": 0, "modelBackend": "off", "bogusSetting": 2}))
    # a request behind the notifications: the server has read them when it answers
    uri = await open_doc(client, PIX)
    await diagnostics_for(client, uri, version=1)
    said = [m.message for m in client.messages if "bogusSetting" in m.message]
    assert len(said) == 1, said
