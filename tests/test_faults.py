"""Faults over a real stdio session: a model file that is not a GGUF, a remote model server that is down, a corrupt
knowledge base, no Xvfb. Each gives a clear message and everything else keeps working."""

from __future__ import annotations

import asyncio
import shutil
import sys

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, SERVER_CMD, diagnostics_for, free_port, open_doc, start_session, wait_status

in_session = pytest.mark.asyncio(loop_scope="module")

BUGGY = ("from psychopy import visual, core\n"
         "win = visual.Window([800, 600])\n"
         "stim = visual.TextStim(win, text='Hello', colour='red')\n"
         "for i in range(")


@pytest.fixture(scope="module")
def not_a_gguf(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "model.gguf"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a model" * 100)
    return path


@pytest_lsp.fixture(scope="module", config=SERVER)
async def broken_model(lsp_client: LanguageClient, kb_root, not_a_gguf):
    await start_session(lsp_client, kb_root, modelPath=str(not_a_gguf))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(scope="module", config=SERVER)
async def remote_down(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root, modelBackend="openai",
                        remoteUrl=f"http://127.0.0.1:{free_port()}", remoteTimeoutS=2)
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def corrupt_kb_root(tmp_path_factory, kb_root, psychopy_install):
    from psychopy_lsp.kb.store import index_dir

    root = tmp_path_factory.mktemp("corrupt") / "kb"
    shutil.copytree(kb_root, root)
    for data in (index_dir(root, psychopy_install.version) / "records.lance").rglob("*.lance"):
        data.write_bytes(b"garbage")
    return root


@pytest_lsp.fixture(scope="module", config=SERVER)
async def corrupt_kb(lsp_client: LanguageClient, corrupt_kb_root):
    await start_session(lsp_client, corrupt_kb_root, modelBackend="off")
    yield
    await lsp_client.shutdown_session()


async def static_features_work(client: LanguageClient) -> str:
    uri = await open_doc(client, BUGGY)
    diagnostics = await diagnostics_for(client, uri, version=1)
    assert "PSY101" in [d.code for d in diagnostics]
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 16)))
    assert hover is not None and "TextStim" in hover.contents.value
    target = next(d for d in diagnostics if d.code == "PSY101")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=target.range,
        context=lsp.CodeActionContext(diagnostics=[target])))
    assert actions and actions[0].title == "Rename to 'color'"
    return uri


def inline_at_end(client: LanguageClient, uri: str):
    return client.text_document_inline_completion_async(lsp.InlineCompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(3, len("for i in range(")),
        context=lsp.InlineCompletionContext(trigger_kind=lsp.InlineCompletionTriggerKind.Invoked)))


@in_session
async def test_a_file_that_is_not_a_gguf(broken_model: LanguageClient, not_a_gguf):
    client = broken_model
    status = await wait_status(client, lambda s: s.get("model") in ("ready", "error"))
    assert status["model"] == "error" and str(not_a_gguf) in status["modelError"], status
    shown = [m.message for m in client.messages if "model unavailable" in m.message]
    print(f"\nshown: {shown}")
    assert len(shown) == 1 and "GGUF" in shown[0] and "Static features keep working" in shown[0]
    uri = await static_features_work(client)
    assert await asyncio.wait_for(inline_at_end(client, uri), 60) is None
    assert len([m for m in client.messages if "model unavailable" in m.message]) == 1  # said once, not per request


@in_session
async def test_a_remote_server_that_is_down(remote_down: LanguageClient):
    client = remote_down
    uri = await static_features_work(client)
    started = asyncio.get_running_loop().time()
    result = await asyncio.wait_for(inline_at_end(client, uri), 60)
    elapsed = asyncio.get_running_loop().time() - started
    print(f"\nremote down: inline completion answered None after {elapsed:.1f} s (3 tries with back-off)")
    assert result is None
    shown = [m.message for m in client.messages if "model request failed" in m.message]
    assert shown and "127.0.0.1" in shown[0] and "tries" in shown[0], shown
    # the server is still there for the next request
    assert await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 16))) is not None


@in_session
async def test_a_corrupt_knowledge_base_is_rebuilt(corrupt_kb: LanguageClient):
    client = corrupt_kb
    # the API read from source answers while the index is rebuilt
    uri = await static_features_work(client)
    status = await wait_status(client, lambda s: s.get("state") in ("ready", "error"), timeout=900)
    assert status["state"] == "ready" and status["search"], status
    shown = [m.message for m in client.messages if "corrupt" in m.message]
    print(f"\nshown: {shown}")
    assert shown and "rebuilding it" in shown[0]
    answer = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.ask", arguments=["how do I measure reaction times?"]))
    assert answer["sources"], answer
    assert await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 16))) is not None


def test_no_xvfb_is_a_clear_result(tmp_path, monkeypatch):
    from psychopy_lsp.server.sandbox.runner import run_script, to_diagnostics
    from psychopy_lsp.server.analysis.positions import LineIndex

    script = tmp_path / "exp.py"
    script.write_text("print('never runs')\n")
    monkeypatch.setenv("PATH", str(tmp_path))  # no Xvfb (nor anything else) on PATH
    result = run_script(script, sys.executable, timeout_s=10, headless="always")
    assert (result.status, result.error_type) == ("crash", "XvfbMissing")
    assert "apt-get install xvfb" in result.message
    diagnostic, = to_diagnostics(result, LineIndex(script.read_text()), 1)
    assert "Xvfb is not installed" in diagnostic.message


def test_exit_during_an_index_build_ends_the_process_at_once(tmp_path, psychopy_install):
    """`exit` while the search index is being embedded (a minute on 2 cores): the process ends now, with code 0,
    and leaves no half-written index behind (the build writes to a temporary folder)."""
    import time

    from lsp_raw import RawLsp
    from psychopy_lsp.kb.store import index_dir, read_meta

    server = RawLsp(SERVER_CMD)
    server.request("initialize", {"processId": None, "rootUri": None,
                                  "capabilities": {"window": {"workDoneProgress": True}},
                                  "initializationOptions": {"kbDir": str(tmp_path / "kb"), "modelBackend": "off"}})
    server.notify("initialized", {})
    server.wait_notification(lambda m: m.get("method") == "psychopy/status"
                             and m["params"].get("state") == "building", timeout=300)
    assert server.request("shutdown", None)["result"] is None
    server.notify("exit")
    started = time.perf_counter()
    code = server.proc.wait(timeout=20)  # the build itself would take a minute more
    print(f"\nexit during the build: process ended {time.perf_counter() - started:.2f} s after `exit`, code {code}")
    assert code == 0
    assert read_meta(index_dir(tmp_path / "kb", psychopy_install.version)) is None
