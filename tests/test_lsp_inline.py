"""End-to-end inline completion with the real embedded model: a whole line comes back, a cancelled request does
not block the next one, an edit during generation never yields a stale completion, and a line not ready within
the time budget is not shown (never a fragment) but is there when the user asks for it."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import (SERVER, change_doc, diagnostics_for, inline_request as request, open_doc, send_now,
                         start_session)

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCRIPT = ("from psychopy import visual, core, event\n"
          "win = visual.Window([800, 600])\n"
          "stim = visual.TextStim(win, text='Hello')\n"
          "for i in range(")


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    # a generous budget: these tests are about what comes back, not how fast (benchmarks/completion.py is)
    await start_session(lsp_client, kb_root, maxTokens=48, contextSize=1024, inlineTimeBudgetMs=120000)
    yield
    await lsp_client.shutdown_session()



async def test_inline_completion_returns_text(client: LanguageClient):
    uri = await open_doc(client, SCRIPT)
    await diagnostics_for(client, uri, version=1)
    result = await asyncio.wait_for(request(client, uri, SCRIPT), 120)
    assert result is not None and result.items
    text = result.items[0].insert_text
    print(f"completion: {text!r}")
    assert text.strip() and "\n" not in text  # one whole line
    compile(SCRIPT + text + "\n    pass\n", "<completed>", "exec")  # it completes the loop header validly
    assert result.items[0].range.start == result.items[0].range.end  # inserted at the cursor


async def test_no_completion_inside_a_string(client: LanguageClient):
    text = "from psychopy import visual\nmsg = 'press the space"
    uri = await open_doc(client, text)
    assert await asyncio.wait_for(request(client, uri, text), 60) is None


async def test_cancel_then_next_request_is_served(client: LanguageClient):
    """$/cancelRequest mid-generation: the request ends as cancelled, and the next one is answered."""
    script = "# a prefix no earlier test completed (the suggestion cache would answer at once)\n" + SCRIPT
    uri = await open_doc(client, script)
    lines = script.split("\n")
    params = lsp.InlineCompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=lsp.Position(line=len(lines) - 1, character=len(lines[-1])),
        context=lsp.InlineCompletionContext(trigger_kind=lsp.InlineCompletionTriggerKind.Invoked))
    task = send_now(client, lsp.TEXT_DOCUMENT_INLINE_COMPLETION, params, msg_id="inline-to-cancel")
    client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id="inline-to-cancel"))
    outcome = await asyncio.gather(task, return_exceptions=True)
    print(f"cancelled request ended with: {outcome[0]!r}")
    assert isinstance(outcome[0], Exception) and "cancel" in repr(outcome[0]).lower()
    result = await asyncio.wait_for(request(client, uri, script), 120)
    assert result is not None and result.items


async def test_edit_during_generation_gives_no_stale_completion(client: LanguageClient):
    script = "# another prefix nothing completed before\n" + SCRIPT
    uri = await open_doc(client, script)
    pending = request(client, uri, script)  # on the wire before the edit
    await change_doc(client, uri, script + "3):\n    ", 2)
    result = await asyncio.wait_for(pending, 120)
    assert result is None  # generated for version 1, which no longer exists


async def test_a_line_not_ready_in_time_is_not_shown_but_is_there_when_asked_for(client: LanguageClient, kb_root):
    """The time budget (1 ms: no model meets it) shows nothing rather than a fragment; asking explicitly (the
    Invoked trigger) waits for the whole line the generation went on to write."""
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"kbDir": str(kb_root), "debounceMs": 0, "maxTokens": 48, "contextSize": 1024,
                  "inlineTimeBudgetMs": 1}))
    script = "# a third prefix, new to the cache\n" + SCRIPT
    uri = await open_doc(client, script)
    assert await asyncio.wait_for(request(client, uri, script), 60) is None
    result = await asyncio.wait_for(request(client, uri, script, lsp.InlineCompletionTriggerKind.Invoked), 120)
    assert result is not None and result.items and result.items[0].insert_text.strip()

