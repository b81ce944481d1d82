"""A storm of edits and cancels during generation with the real embedded model over stdio: no stale completion or
fix is ever offered, every request ends, and memory stays bounded over a long session (RSS printed).

How staleness is observed from outside: after each edit the client sends a hover, which the server answers
synchronously in the order it reads messages. Responses leave the server in the order they are produced, so a
completion (or fix) for version v that arrives *after* the hover sent behind version v+1 was produced after the
server knew the text had changed: that is a stale offer.
"""

from __future__ import annotations

import asyncio
import os
import random

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, diagnostics_for, open_doc, send_now, start_session

pytestmark = pytest.mark.asyncio(loop_scope="module")

STEPS = int(os.environ.get("STORM_STEPS", "240"))
HEAD = ("from psychopy import visual, core, event\n"
        "win = visual.Window([800, 600], units='pix')\n"
        "stim = visual.TextStim(win, text='+', colour='white')\n")
TYPED = ("clock = core.Clock()\n"
         "for trial in range(10):\n"
         "    stim.draw()\n"
         "    win.flip()\n"
         "    keys = event.waitKeys(keyList=['left', 'right'])\n"
         "    rt = clock.getTime()\n")


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, kb_root):
    # whole lines need more than a few tokens; requests wait for them (the storm is about staleness, not speed)
    await start_session(lsp_client, kb_root, maxTokens=32, contextSize=1024, inlineTimeBudgetMs=120000)
    yield
    await lsp_client.shutdown_session()


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Arrivals:
    """The order in which responses reached the client."""

    def __init__(self) -> None:
        self.order: dict[int, int] = {}

    def track(self, future: asyncio.Future) -> asyncio.Future:
        future.add_done_callback(lambda f: self.order.setdefault(id(f), len(self.order)))
        return future

    def before(self, first: asyncio.Future, second: asyncio.Future) -> bool:
        return self.order[id(first)] < self.order[id(second)]


def at_end(text: str) -> lsp.Position:
    lines = text.split("\n")
    return lsp.Position(line=len(lines) - 1, character=len(lines[-1]))


async def test_storm_of_edits_and_cancels(client: LanguageClient):
    rng = random.Random(7)
    arrivals = Arrivals()
    pid = client._server.pid
    await asyncio.wait_for(_model_ready(client), 300)
    uri = await open_doc(client, HEAD)
    await diagnostics_for(client, uri, version=1)
    rss = [("model loaded, one document", rss_mb(pid))]
    text, version = HEAD, 1
    completions, fixes, barriers = [], [], {}
    cancelled = 0
    answered_before_edit: set[tuple[str, int]] = set()
    for step in range(STEPS):
        if step and step % 80 == 0:  # a new file now and then: closed documents must not keep anything alive
            client.text_document_did_close(lsp.DidCloseTextDocumentParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri)))
            text, version = HEAD, 1
            uri = await open_doc(client, HEAD)
        if step % 40 == 20:  # "Fix this error" asked, then the user types on before it comes back
            published = await diagnostics_for(client, uri, version=version)
            actions = await client.text_document_code_action_async(lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), range=published[0].range,
                context=lsp.CodeActionContext(diagnostics=published[:1])))
            model = [a for a in actions or [] if (a.data or {}).get("psychopyModelFix")]
            assert model, [a.title for a in actions or []]
            fix = arrivals.track(send_now(client, lsp.CODE_ACTION_RESOLVE, model[0]))  # on the wire mid-typing
            fixes.append((version, uri, fix))
            if step % 80 == 20:  # every other time the user waits for it
                await asyncio.gather(fix, return_exceptions=True)
        msg_id = f"storm-{step}"
        request = arrivals.track(send_now(client, lsp.TEXT_DOCUMENT_INLINE_COMPLETION, lsp.InlineCompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at_end(text),
            context=lsp.InlineCompletionContext(trigger_kind=lsp.InlineCompletionTriggerKind.Automatic)),
            msg_id=msg_id))
        completions.append((version, uri, request))  # on the wire before the cancel or the next edit
        if rng.random() < 0.3:  # the editor gives up on it
            client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id=msg_id))
            cancelled += 1
        elif rng.random() < 0.4:  # the user pauses long enough for the completion to come back
            await asyncio.gather(request, return_exceptions=True)
        if request.done():
            answered_before_edit.add((uri, version))
        # the next keystroke(s), then the barrier
        burst = TYPED[(step * 3) % len(TYPED):][: rng.randint(1, 3)]
        text, version = text + burst, version + 1
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        barriers[(uri, version)] = arrivals.track(asyncio.ensure_future(client.text_document_hover_async(
            lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 16)))))
        if step == STEPS // 2:
            await asyncio.gather(*[r for _, _, r in completions], return_exceptions=True)
            rss.append((f"after {step} requests", rss_mb(pid)))
    outcomes = await asyncio.wait_for(asyncio.gather(*[r for _, _, r in completions], *[f for _, _, f in fixes],
                                                     *barriers.values(), return_exceptions=True), 300)
    rss.append((f"after {STEPS} requests", rss_mb(pid)))

    offered = raced = stale = ended_cancelled = 0
    for (version, uri, request), outcome in zip(completions, outcomes):
        if isinstance(outcome, Exception):
            assert "cancel" in repr(outcome).lower(), outcome  # the only acceptable failure
            ended_cancelled += 1
            continue
        if outcome is not None and outcome.items:
            offered += 1
            raced += (uri, version) not in answered_before_edit
            if not arrivals.before(request, barriers[(uri, version + 1)]):
                stale += 1
    fix_offered = 0
    for (version, uri, future) in fixes:
        action = future.result()
        if action.edit is not None:
            fix_offered += 1
            assert action.edit.document_changes[0].text_document.version == version
            assert arrivals.before(future, barriers[(uri, version + 1)]), "a fix for an older version was offered"
    print(f"\nstorm: {STEPS} edits, {len(completions)} inline requests ({cancelled} cancelled by the client, "
          f"{ended_cancelled} ended as cancelled), {offered} completions offered ({raced} of them answered while the next edit "
          f"was on its way), {stale} stale; "
          f"{len(fixes)} model fixes asked, {fix_offered} offered, all for the current version")
    for label, value in rss:
        print(f"  server RSS {label}: {value:.0f} MB")
    assert stale == 0
    assert offered > 0  # the storm is not so fast that nothing is ever answered: the check has something to check
    growth = rss[-1][1] - rss[1][1]
    print(f"  growth over the second half: {growth:+.0f} MB")
    assert growth < 100, "memory grows with the number of requests"
    # and the server still answers
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 16)))
    assert hover is not None and "TextStim" in hover.contents.value


async def _model_ready(client):
    while (getattr(client, "psychopy_status", None) or {}).get("model") not in ("ready", "error"):
        await client.wait_for_notification("psychopy/status")
    assert client.psychopy_status["model"] == "ready", client.psychopy_status
