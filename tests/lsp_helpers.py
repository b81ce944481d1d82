"""Helpers for end-to-end sessions: wait on events (notifications), never on sleeps."""

from __future__ import annotations

import asyncio
import itertools
import sys

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig

SERVER_CMD = [sys.executable, "-m", "psychopy_lsp.server.cli"]  # the server as editors start it (stdio)
SERVER = ClientServerConfig(server_command=SERVER_CMD)
_counter = itertools.count()
TIMEOUT = 120


def new_uri(name: str = "script") -> str:
    return f"file:///tmp/psychopy_lsp_tests/{name}_{next(_counter)}.py"


async def wait_status(client, predicate, timeout: float = TIMEOUT) -> dict:
    """Wait for a psychopy/status notification satisfying `predicate` (the latest one is kept on the client)."""
    async def waiter():
        while True:
            status = getattr(client, "psychopy_status", None)
            if status is not None and predicate(status):
                return status
            await client.wait_for_notification("psychopy/status")
    return await asyncio.wait_for(waiter(), timeout)


def install_status_handler(client) -> None:
    client.status_history = []

    @client.feature("psychopy/status")
    def on_status(params) -> None:
        client.psychopy_status = params if isinstance(params, dict) else params._asdict()
        client.status_history.append(client.psychopy_status)


async def open_doc(client, text: str, uri: str | None = None, version: int = 1) -> str:
    uri = uri or new_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=version, text=text)))
    return uri


async def diagnostics_for(client, uri: str, version: int | None = None, timeout: float = TIMEOUT):
    """Wait until diagnostics for `uri` have been published (for `version`, when given: the server tags each
    diagnostic's data with the version it was computed on; open_doc/change_doc clear what came before)."""
    def current():
        published = client.diagnostics.get(uri)
        if published is None:
            return None
        if version is not None and any((d.data or {}).get("version") != version for d in published):
            return None
        return list(published)

    async def waiter():
        while (found := current()) is None:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return found
    return await asyncio.wait_for(waiter(), timeout)


async def run_command(client, uri: str) -> dict:
    """psychopy.runScript on `uri` (a real sandbox run: up to 3 minutes on 2 busy cores)."""
    return await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.runScript", arguments=[uri])), 180)


async def open_and_run(client, tmp_path, name: str, text: str) -> tuple[str, dict]:
    """The script saved, opened (its static diagnostics in) and run: (uri, the run's result)."""
    path = tmp_path / name
    path.write_text(text)
    uri = path.as_uri()
    await open_doc(client, text, uri=uri)
    await diagnostics_for(client, uri, version=1)
    client.diagnostics.pop(uri, None)
    return uri, await run_command(client, uri)


async def change_doc(client, uri: str, text: str, version: int) -> None:
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def position_of(text: str, needle: str, offset: int = 0) -> lsp.Position:
    from psychopy_lsp.server.cli.demo import position_of as find

    return find(text, needle, offset)


def apply_edits(text: str, edits) -> str:
    from psychopy_lsp.server.cli.demo import apply_edits as apply

    return apply(text, edits)


async def start_session(client, kb_root, **options) -> None:
    """initialize (with work-done progress) against the session's index, then wait until the API is known."""
    install_status_handler(client)
    await client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True)),
        initialization_options={"kbDir": str(kb_root), "debounceMs": 0, **options}))
    await wait_status(client, lambda s: s.get("index"))


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def send_now(client, method: str, params, msg_id=None) -> asyncio.Future:
    """Send a request at once and return an awaitable for its result: it is written before the next line of the
    test runs, so a notification sent after it reaches the server after it. (The client's `*_async` methods, and
    pytest-lsp's `protocol.send_request_async`, are coroutines: they send only once the event loop runs them.)"""
    return asyncio.wrap_future(client.protocol.send_request(method, params, msg_id=msg_id))


def inline_request(client, uri, text, trigger=lsp.InlineCompletionTriggerKind.Automatic) -> asyncio.Future:
    """textDocument/inlineCompletion at the end of `text` (the document's whole text), sent at once."""
    lines = text.split("\n")
    pos = lsp.Position(line=len(lines) - 1, character=len(lines[-1]))
    return send_now(client, lsp.TEXT_DOCUMENT_INLINE_COMPLETION, lsp.InlineCompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos,
        context=lsp.InlineCompletionContext(trigger_kind=trigger)))


async def close_doc(client, uri: str, timeout: float = TIMEOUT) -> None:
    """didClose, then wait for the server's empty publish for it (so a reopen is not answered by it)."""
    client.diagnostics.pop(uri, None)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))

    async def waiter():
        while client.diagnostics.get(uri, None) is None or len(client.diagnostics[uri]):
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.wait_for(waiter(), timeout)
