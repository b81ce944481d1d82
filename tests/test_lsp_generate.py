"""End-to-end `psychopy.generate` through the real server with the real embedded model: the "Write this
experiment" code action on a docstring, the command writing, running and verifying the script headless, and the
verified script applied with workspace/applyEdit in place of the description alone; and the refusals: a
description whose script cannot pass verification (its only key is one the participant never presses) comes back
unverified with its reasons and is not applied, and one with nothing to build from is refused before any run."""

from __future__ import annotations

import ast
import asyncio

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, apply_edits, diagnostics_for, open_doc, start_session, wait_status

pytestmark = pytest.mark.asyncio(loop_scope="module")

EDITS: list[lsp.ApplyWorkspaceEditParams] = []


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    @lsp_client.feature(lsp.WORKSPACE_APPLY_EDIT)
    def on_apply(params: lsp.ApplyWorkspaceEditParams):
        EDITS.append(params)
        return lsp.ApplyWorkspaceEditResult(applied=True)

    await start_session(lsp_client, kb_root, contextSize=2048, runTimeoutS=15)
    yield
    await lsp_client.shutdown_session()


DESCRIBED = ('"""A blue circle or an orange circle appears at the centre for 300 ms after a fixation cross of 0.5 s.\n'
             "Press f if the circle is blue and j if it is orange. 12 trials.\n"
             '"""\n# the rest of the file is the user\'s and stays as it is\n')


async def _generate(client, arguments) -> dict:
    return await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.generate", arguments=[arguments])), 240)


async def test_write_this_experiment_applies_a_verified_script(client: LanguageClient):
    status = await wait_status(client, lambda s: s.get("model") in ("ready", "error") and s.get("search"))
    assert status["model"] == "ready", status
    uri = await open_doc(client, DESCRIBED)
    await diagnostics_for(client, uri, version=1)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=lsp.Position(line=1, character=3),
                                                                             end=lsp.Position(line=1, character=3)),
        context=lsp.CodeActionContext(diagnostics=[])))
    # lsprotocol reads a CodeAction that carries a command as the Command member of the result's union, with the
    # nested command as the text of a dict; what the server sent is recovered from it
    commands = [ast.literal_eval(a.command) if isinstance(a.command, str) else
                {"command": a.command.command, "arguments": a.command.arguments} for a in actions or []
                if a.command is not None]
    write = [c for c in commands if c["command"] == "psychopy.generate"]
    assert write, [repr(a) for a in actions or []]
    EDITS.clear()
    result = await _generate(client, write[0]["arguments"][0])
    print(result["reason"], result["model"], [c["origin"] for c in result["candidates"]])
    assert result["verified"] is True, result["reason"]
    assert result["applied"] is True and len(EDITS) == 1
    assert any(c["passed"] and c["runs"] for c in result["candidates"])
    assert result["model"], "the report says what the model did"
    change = EDITS[0].edit.document_changes[0]
    assert change.text_document.version == 1  # versioned: an editor with newer text refuses it
    new_text = apply_edits(DESCRIBED, change.edits)
    assert new_text.endswith("# the rest of the file is the user's and stays as it is\n")  # only the block replaced
    assert "'blue'" in new_text and "'orange'" in new_text and "N_TRIALS = 12" in new_text
    assert "keyList=KEYS" in new_text and "KEYS = ['f', 'j']" in new_text


async def test_unverifiable_description_is_returned_unverified_and_not_applied(client: LanguageClient):
    uri = await open_doc(client, "# placeholder\n")
    EDITS.clear()
    # escape is the quit key: the emulated participant never presses it, so no trial is ever answered
    result = await _generate(client, {"description": "A white square for 200 ms; press escape when you see it. "
                                                     "10 trials.", "uri": uri})
    assert result["verified"] is False and result["applied"] is False and not EDITS
    assert "no candidate passed verification" in result["reason"]
    assert result["candidates"] and not any(c["passed"] for c in result["candidates"])


async def test_nothing_to_build_from_is_refused_before_running(client: LanguageClient):
    result = await _generate(client, {"description": "make it fun and engaging for my students"})
    assert result["verified"] is False and result["candidates"] == []
    assert "states no stimulus" in result["reason"]


async def test_cancel_on_the_progress_stops_the_generation_and_applies_nothing(client: LanguageClient):
    """window/workDoneProgress/cancel (the Cancel button of the editor's progress): the worker stops at its next
    step, the command answers "cancelled", the progress ends saying so, and no edit is sent."""
    await wait_status(client, lambda s: s.get("model") in ("ready", "error") and s.get("search"))
    before, edits = set(client.progress_reports), len(EDITS)
    pending = asyncio.ensure_future(_generate(client, {
        "description": "A green square appears for 1 second, then press space. 6 trials."}))

    async def begun() -> str:
        while True:
            for token in set(client.progress_reports) - before:
                reports = client.progress_reports[token]
                if reports and getattr(reports[0], "title", "") == "Writing the experiment":
                    return token
            await client.wait_for_notification("$/progress")

    token = await asyncio.wait_for(begun(), 60)
    assert client.progress_reports[token][0].cancellable
    client.protocol.notify(lsp.WINDOW_WORK_DONE_PROGRESS_CANCEL, lsp.WorkDoneProgressCancelParams(token=token))
    result = await pending
    assert result["cancelled"] and not result["verified"] and not result["applied"], result
    assert client.progress_reports[token][-1].message == "cancelled"
    assert len(EDITS) == edits
