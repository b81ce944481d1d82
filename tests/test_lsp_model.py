"""End-to-end with the real embedded model, for a client WITHOUT inline-completion support: the model loads in the
background with work-done progress, the model's suggestion arrives as a completion item, "Fix with the PsychoPy
model" resolves to a verified edit or a clear refusal, and psychopy.ask / psychopy.explain cite the knowledge base
(with the model, and with the model switched off)."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, apply_edits, change_doc, diagnostics_for, open_doc, start_session, wait_status

pytestmark = pytest.mark.asyncio(loop_scope="module")

BUGGY = ("from psychopy import visual, core\n"
         "win = visual.Window([800, 600])\n"
         "stim = visual.TextStim(win, text='Hello', colour='red')\n"
         "stim.draw()\n"
         "win.flip()\n")


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root, maxTokens=16, contextSize=1024)
    yield
    await lsp_client.shutdown_session()


async def test_model_loads_in_the_background_with_progress(client: LanguageClient):
    status = await wait_status(client, lambda s: s.get("model") in ("ready", "error"))
    assert status["model"] == "ready", status
    titles = [r.title for reports in client.progress_reports.values() for r in reports
              if isinstance(r, lsp.WorkDoneProgressBegin)]
    assert "PsychoPy model" in titles
    assert any(s.get("model") == "loading" for s in client.status_history)


async def test_model_suggestion_as_a_completion_item(client: LanguageClient):
    text = "from psychopy import visual, core\nwin = visual.Window([800, 600])\nfor i in range("
    uri = await open_doc(client, text)
    await diagnostics_for(client, uri, version=1)
    result = await asyncio.wait_for(client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=lsp.Position(line=2, character=len("for i in range(")))), 120)
    items = [i for i in (result.items if result else []) if i.detail == "PsychoPy model suggestion"]
    print(f"model item: {[i.insert_text for i in items]}")
    assert items and items[0].insert_text.strip() and "\n" not in items[0].insert_text  # finishes the line
    assert items[0].sort_text == "~model"


async def test_fix_with_the_model_is_verified_or_refused(client: LanguageClient):
    uri = await open_doc(client, BUGGY)
    diagnostics = await diagnostics_for(client, uri, version=1)
    target = next(d for d in diagnostics if d.code == "PSY101")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=target.range,
        context=lsp.CodeActionContext(diagnostics=[target])))
    deterministic = [a for a in actions if a.edit is not None]
    model = [a for a in actions if a.title.startswith("Fix with the PsychoPy model")]
    assert deterministic and deterministic[0].is_preferred  # the deterministic fix stays preferred
    assert len(model) == 1 and model[0].edit is None  # listing does not run the model
    resolved = await asyncio.wait_for(client.code_action_resolve_async(model[0]), 180)
    print(f"model fix: edit={resolved.edit is not None} data={resolved.data}")
    if resolved.edit is None:
        assert resolved.disabled is not None and resolved.data["refused"]  # a clear refusal, no edit
        return
    assert resolved.edit.changes is None and len(resolved.edit.document_changes) == 1
    edits = resolved.edit.document_changes[0].edits
    assert resolved.edit.document_changes[0].text_document.uri == uri
    assert resolved.edit.document_changes[0].text_document.version == 1
    fixed = apply_edits(BUGGY, edits)
    assert fixed.split("\n")[:2] == BUGGY.split("\n")[:2] and fixed.split("\n")[3:] == BUGGY.split("\n")[3:]
    await change_doc(client, uri, fixed, 2)
    assert not [d for d in await diagnostics_for(client, uri, version=2) if d.code == "PSY101"]


async def test_fix_refused_for_a_changed_document(client: LanguageClient):
    uri = await open_doc(client, BUGGY)
    target = next(d for d in await diagnostics_for(client, uri, version=1) if d.code == "PSY101")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=target.range,
        context=lsp.CodeActionContext(diagnostics=[target])))
    model = next(a for a in actions if a.title.startswith("Fix with the PsychoPy model"))
    await change_doc(client, uri, BUGGY + "core.quit()\n", 2)
    resolved = await client.code_action_resolve_async(model)
    assert resolved.edit is None and "changed" in resolved.data["refused"]


async def test_ask_answers_with_sources(client: LanguageClient):
    result = await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.ask", arguments=[{"question": "How do I wait for a key press?"}])), 180)
    print(f"answer: {result['answer']!r}; sources: {[s['symbol'] for s in result['sources']]}")
    assert result["sources"] and result["docs"]
    assert result["model"] == "llamacpp" and (result["answer"] or result["note"])


async def test_explain_a_diagnostic_retrieves_the_symbol_first(client: LanguageClient):
    uri = await open_doc(client, BUGGY)
    target = next(d for d in await diagnostics_for(client, uri, version=1) if d.code == "PSY101")
    result = await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.explain", arguments=[{"uri": uri, "diagnostic": {
            "range": {"start": {"line": target.range.start.line, "character": 0},
                      "end": {"line": target.range.end.line, "character": 0}},
            "message": target.message}}])), 180)
    symbols = [s["symbol"] for s in result["sources"]]
    print(f"explain sources: {symbols}")
    assert "TextStim" in symbols[0]  # the record of the class the line calls, before any search hit


async def test_with_the_model_off_the_docs_themselves_answer(client: LanguageClient, kb_root):
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"modelBackend": "off", "kbDir": str(kb_root), "debounceMs": 0}))
    result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.ask", arguments=["Which units can a Window use?"]))
    assert result["answer"] is None and result["sources"] and "model is off" in result["note"]
    assert "Window" in result["docs"] or any("Window" in s["symbol"] for s in result["sources"])
