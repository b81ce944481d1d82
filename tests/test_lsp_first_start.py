"""First start with no knowledge base: static features come up from source in seconds, the search index builds
in the background with work-done progress, and the status notifications say so (a real server process)."""

from __future__ import annotations


import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, diagnostics_for, install_status_handler, open_doc, wait_status

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    install_status_handler(lsp_client)
    empty = tmp_path_factory.mktemp("empty_kb")
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True)),
        initialization_options={"kbDir": str(empty), "debounceMs": 0, "bogusSetting": 1}))
    yield
    await lsp_client.shutdown_session()


async def test_checks_work_before_the_search_index_exists(client: LanguageClient):
    status = await wait_status(client, lambda s: s.get("index"))
    assert status["state"] == "building" and status["search"] is False
    uri = await open_doc(client, "from psychopy import visual\nwin = visual.Window(units='pixels')\n")
    diagnostics = await diagnostics_for(client, uri, version=1)
    assert [d.code for d in diagnostics if d.severity <= lsp.DiagnosticSeverity.Warning] == ["PSY106"]


async def test_build_reports_progress_and_ends_ready(client: LanguageClient):
    await wait_status(client, lambda s: s.get("state") in ("ready", "error"), timeout=900)
    # knowledge-base states in order (the model's own notifications repeat the current one)
    states = [s["state"] for s in client.status_history]
    transitions = [state for i, state in enumerate(states) if i == 0 or states[i - 1] != state]
    assert [t for t in transitions if t != "loading"] == ["building", "ready"]
    assert client.psychopy_status["search"] is True
    kb_tokens = [values for values in client.progress_reports.values()
                 if values and getattr(values[0], "title", "") == "PsychoPy knowledge base"]
    assert len(kb_tokens) == 1
    reports = kb_tokens[0]
    kinds = [type(v).__name__ for v in reports]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"
    assert any(isinstance(v, lsp.WorkDoneProgressReport) and "embedding" in (v.message or "") for v in reports)


async def test_invalid_setting_is_reported(client: LanguageClient):
    assert any("bogusSetting" in m.message for m in client.messages)
