"""The server on a system without Linux's facilities (macOS, Windows, a container without util-linux): no
unshare, setpriv, prlimit or Xvfb, no process groups (os.killpg, os.setsid), no os.geteuid, no `resource` module.
A sitecustomize takes them away from the real server process; it must start, keep every static feature, run a
script without isolation while saying what was not enforced, and refuse to when `runIsolation` is `required`.
`doctor` says the same."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SERVER_CMD, diagnostics_for, open_doc, position_of, start_session

ASYNC = pytest.mark.asyncio(loop_scope="module")

WITHOUT_POSIX = '''
import os, shutil, sys
for name in ("killpg", "setsid", "geteuid", "getpgid", "sched_setscheduler"):
    if hasattr(os, name):
        delattr(os, name)
sys.modules["resource"] = None  # `import resource` raises ImportError, as on Windows
_which = shutil.which
shutil.which = lambda cmd, *a, **k: None if os.path.basename(str(cmd)) in (
    "unshare", "setpriv", "prlimit", "Xvfb") else _which(cmd, *a, **k)
'''
SITE = Path(tempfile.mkdtemp(prefix="psychopy-lsp-noposix-"))
(SITE / "sitecustomize.py").write_text(WITHOUT_POSIX)
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SITE), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
ENV.pop("DISPLAY", None)

SCRIPT = "from psychopy import core\nclock = core.Clock()\ncore.wait(0.2)\nprint('waited', clock.getTime() > 0.1)\n"
BROKEN = "from psychopy import visual\nstim = visual.TextStim(win=None, colour='red')\n"


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_CMD, server_env=ENV))
async def client(lsp_client: LanguageClient, kb_root):
    await start_session(lsp_client, kb_root, runTimeoutS=60, runHeadless="never")
    yield
    await lsp_client.shutdown_session()


def test_the_sitecustomize_takes_the_facilities_away():
    probe = "import os, shutil\ntry:\n    import resource\nexcept ImportError:\n    resource = None\n" \
            "print(hasattr(os, 'killpg'), shutil.which('unshare'), resource)"
    out = subprocess.run([sys.executable, "-c", probe], env=ENV, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False None None", out.stderr


@ASYNC
async def test_static_features_work(client: LanguageClient):
    uri = await open_doc(client, BROKEN)
    diagnostics = await diagnostics_for(client, uri, version=1)
    assert any(d.code == "PSY101" and "colour" in d.message for d in diagnostics)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=position_of(BROKEN, "TextStim(", 2)))
    assert hover is not None and "psychopy.visual.TextStim" in hover.contents.value


async def run(client, tmp_path, name: str):
    path = tmp_path / name
    path.write_text(SCRIPT)
    uri = path.as_uri()
    await open_doc(client, SCRIPT, uri=uri)
    await diagnostics_for(client, uri, version=1)
    return await asyncio.wait_for(client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="psychopy.runScript", arguments=[uri])), 120)


@ASYNC
async def test_a_script_runs_without_isolation_and_says_so(client: LanguageClient, tmp_path):
    result = await run(client, tmp_path, "plain.py")
    assert result["status"] == "ok" and "waited True" in result["stdout"], result
    assert not result["network_isolated"] and not result["filesystem_isolated"] and not result["headless"]
    missing = " ".join(result["not_enforced"])
    assert "network" in missing and "writes outside" in missing and "other processes" in missing


@ASYNC
async def test_required_isolation_refuses_to_run(client: LanguageClient, tmp_path):
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"psychopyLsp": {"runIsolation": "required", "runHeadless": "never"}}))
    result = await run(client, tmp_path, "refused.py")
    assert result["status"] == "refused" and "cannot enforce" in result["message"], result
    assert "waited" not in result["stdout"]


def test_doctor_says_what_is_not_enforced(kb_root):
    proc = subprocess.run([sys.executable, "-m", "psychopy_lsp.server.cli", "doctor", "--json", "--kb-dir",
                           str(kb_root)], env=ENV, capture_output=True, text=True, timeout=300)
    sandbox = json.loads(proc.stdout)["sandbox"]
    assert sandbox["status"] == "warn" and "not enforced here" in sandbox["fix"]
    assert any("network" in item for item in sandbox["not_enforced"]), sandbox
