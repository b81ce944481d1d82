"""The VS Code extension inside a real VS Code: code-server 4.139 (VS Code 1.139) from npm on node 24 from PyPI,
shown in Debian's Chromium, driven by Playwright as a user would (editors/vscode/e2e/drive.py), against the real
server, knowledge base and embedded model. Installs are cached (scripts/vscode-deps.sh); each step writes a
screenshot to build/screenshots/vscode-e2e/ (printed at the end) so a person can look at what was checked.

Checked on a Stroop script with `colour=` in it: the status bar reaches "ready · model ready"; the Problems panel
lists PSY101 with its code; Ctrl+. offers the deterministic rename first and applying it removes the finding;
hover shows the signature, the docs as Markdown (no raw Sphinx) with a psychopy.org link, and a parameter's doc;
on an empty line the model's ghost text appears and Tab accepts it; "PsychoPy: Ask" renders an answer citing its
sources; no error or warning notification is shown."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lsp_helpers import free_port

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
EXT = REPO / "editors" / "vscode"
SHOTS = Path(os.environ.get("PSYCHOPY_LSP_SCREENSHOTS", REPO / "build" / "screenshots" / "vscode-e2e"))
STROOP = '''from psychopy import visual, core, event

win = visual.Window([800, 600], units="pix")
word = visual.TextStim(win, text="RED", colour="red")
word.draw()
win.flip()
keys = event.waitKeys(keyList=["r", "g"])
win.close()
core.quit()
'''


def run(cmd: list[str], timeout: float, **kw) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def wait_http(url: str, server: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert server.poll() is None, "code-server exited before it served"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling the port until it answers
    raise TimeoutError(f"code-server did not answer at {url}")


@pytest.fixture(scope="module")
def steps(tmp_path_factory, kb_root):
    if shutil.which("npm") is None:
        pytest.fail("npm is needed to build the VS Code extension (scripts/system-deps.sh installs it)")
    cache = Path(run(["bash", str(REPO / "scripts" / "vscode-deps.sh")], timeout=1800).strip().splitlines()[-1])
    env = {**os.environ, "PATH": f"{cache / 'bin'}:{os.environ['PATH']}"}
    code_server = str(cache / "prefix" / "node_modules" / ".bin" / "code-server")

    tmp = tmp_path_factory.mktemp("vscode")
    vsix = tmp / "psychopy-lsp.vsix"
    run(["npm", "ci", "--no-audit", "--no-fund"], 600, cwd=EXT)
    run(["npm", "run", "compile"], 300, cwd=EXT)
    run(["npx", "vsce", "package", "--out", str(vsix)], 300, cwd=EXT)
    extensions, user, workspace = tmp / "extensions", tmp / "user", tmp / "workspace"
    for folder in (extensions, user / "User", workspace):
        folder.mkdir(parents=True)
    run([code_server, "--install-extension", str(vsix), "--extensions-dir", str(extensions)], 300, env=env)
    (user / "User" / "settings.json").write_text(json.dumps({
        "psychopyLsp.serverPath": str(Path(sys.executable).parent / "psychopy-lsp"),
        "psychopyLsp.kbDir": str(kb_root),
        "security.workspace.trust.enabled": False, "workbench.startupEditor": "none",
        "workbench.secondarySideBar.defaultVisibility": "hidden", "workbench.tips.enabled": False,
        "telemetry.telemetryLevel": "off", "editor.inlineSuggest.enabled": True,
    }, indent=1))
    (workspace / "stroop.py").write_text(STROOP)

    port = free_port()
    server = subprocess.Popen(
        [code_server, "--auth", "none", "--bind-addr", f"127.0.0.1:{port}", "--user-data-dir", str(user),
         "--extensions-dir", str(extensions), "--disable-telemetry", "--disable-update-check", str(workspace)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz", server)
        if SHOTS.exists():
            shutil.rmtree(SHOTS)
        out = tmp / "steps.json"
        proc = subprocess.run([sys.executable, str(EXT / "e2e" / "drive.py"),
                               f"http://127.0.0.1:{port}/?folder={workspace}", "stroop.py", str(SHOTS), str(out)],
                              capture_output=True, text=True, timeout=1500)
        assert out.exists(), f"the driver wrote nothing:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        result = json.loads(out.read_text())
        print(f"\nscreenshots in {SHOTS}:\n" + "\n".join(f"  {p.name}" for p in sorted(SHOTS.glob("*.png"))))
        yield result
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def ok(steps: dict, name: str) -> dict:
    step = steps.get(name)
    assert step is not None, f"step {name} did not run: {list(steps)}"
    assert step["ok"], f"{name}: {step.get('error')}\n{step.get('trace', '')}\nsee {step.get('screenshot')}"
    return step


def test_status_bar_reaches_ready(steps):
    ok(steps, "open")
    assert "PsychoPy: ready · model ready" in ok(steps, "status-ready")["status"]


def test_problems_panel_lists_the_finding_with_its_code(steps):
    row = ok(steps, "problems")["row"]
    assert "PSY101" in row and "colour" in row and "Ln 4" in row, row


def test_quick_fix_offers_the_deterministic_fix_first_and_applying_it_removes_the_finding(steps):
    step = ok(steps, "quick-fix")  # the step waited for PSY101 to leave the Problems panel
    assert step["items"][0] == "Rename to 'color'", step["items"]
    assert any(item.startswith("Fix with the PsychoPy model") for item in step["items"][1:]), step["items"]
    assert 'color="red"' in step["line"] and "colour" not in step["line"]


def test_hover_shows_signature_markdown_docs_and_a_parameter(steps):
    hover = ok(steps, "hover")
    assert "(class) psychopy.visual.TextStim(win, text='Hello World'" in hover["text"]
    assert ":class:" not in hover["text"] and "``" not in hover["text"], "Sphinx markup shown raw"
    assert "https://www.psychopy.org/api/visual/textstim.html#psychopy.visual.TextStim" in hover["links"]
    parameter = ok(steps, "hover-parameter")["text"]
    assert "Parameter keyList" in parameter and "Allows the user to specify a set of keys" in parameter


def test_inline_suggestion_appears_and_tab_accepts_it(steps):
    step = ok(steps, "inline-suggestion")
    assert step["ghost"].strip()
    accepted = step["accepted"].strip()
    assert accepted and step["ghost"].replace("\u00a0", " ").strip() in accepted, step
    compile(accepted + "\n", "<accepted>", "exec")  # a whole valid line, not a fragment


def test_ask_renders_an_answer_with_sources(steps):
    text = ok(steps, "ask")["text"]
    assert "How do I make the window full screen?" in text and "fullscr" in text
    assert "Sources: [1] psychopy.visual.Window" in text, text[:1500]


def test_no_error_notification(steps):
    step = ok(steps, "notifications")
    assert step["errors"] == 0 and not any("unknown setting" in t.lower() for t in step["toasts"]), step["toasts"]
    assert "error" not in step["status"].lower(), step["status"]
