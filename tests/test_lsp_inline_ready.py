"""psychopy/suggestionReady with the real embedded model, in a server of its own (a fresh model state: the line
this test expects is the one a user sees on first typing it, not one shaped by earlier tests' prompts)."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, inline_request as request, open_doc, start_session

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root, maxTokens=48, contextSize=1024, inlineTimeBudgetMs=1)
    yield
    await lsp_client.shutdown_session()


async def test_a_line_finished_after_its_request_gave_up_is_announced(client: LanguageClient):
    """psychopy/suggestionReady: the generation a timed-out request left running tells the editor when its line
    is there (VS Code then asks again: a user waiting on an empty line would otherwise never see it), and the
    next automatic request is answered from the cache."""
    # an empty line under a comment, the VS Code e2e's case (a line this model finishes within maxTokens)
    script = ("from psychopy import visual, core, event\n\nwin = visual.Window([800, 600], units='pix')\n"
              "word = visual.TextStim(win, text='RED', color='red')\nword.draw()\nwin.flip()\n"
              "# wait for a key press\n")
    uri = await open_doc(client, script)
    waiting = asyncio.ensure_future(client.wait_for_notification("psychopy/suggestionReady"))
    assert await asyncio.wait_for(request(client, uri, script), 60) is None
    ready = await asyncio.wait_for(waiting, 120)
    ready = ready if isinstance(ready, dict) else ready._asdict()
    lines = script.split("\n")
    assert ready["uri"] == uri and ready["version"] == 1
    position = ready["position"]
    position = position if isinstance(position, dict) else position._asdict()
    assert position == {"line": len(lines) - 1, "character": len(lines[-1])}
    again = await asyncio.wait_for(request(client, uri, script), 10)  # within 1 ms of budget: the cache
    assert again is not None and again.items[0].insert_text.strip()
