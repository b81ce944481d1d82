"""The sandbox runner (server/sandbox/) on real scripts, headless under Xvfb: how each way of ending is told."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from psychopy_lsp.server.sandbox.isolation import isolation
from psychopy_lsp.server.sandbox.runner import run_script

# only the runs that open a window need Xvfb; the isolation tests run without a display, so they never skip
needs_xvfb = pytest.mark.skipif(subprocess.run(["which", "Xvfb"], capture_output=True).returncode != 0,
                                reason="Xvfb is not installed (scripts/system-deps.sh)")

HEAD = "from psychopy import visual, core, event, gui, sound\nwin = visual.Window([200, 200])\n"

# (script, status, error type, line)
CASES = [
    # the real TypeError for a misspelled keyword, on the user's line
    (HEAD + "stim = visual.TextStim(win, **{'colour': 'red'})\n", "error", "TypeError", 3),
    # AttributeError for an invented method
    (HEAD + "stim = visual.TextStim(win)\nstim.setColour('red')\n", "error", "AttributeError", 4),
    # a string where a number is needed fails inside psychopy: reported on the user's call
    (HEAD + "core.wait('0.5')\n", "error", "TypeError", 3),
    # a dialog (stubbed: OK with its defaults), a sound (stubbed), keys (simulated), core.quit() -> exit
    (HEAD + "info = {'participant': '01'}\ndlg = gui.DlgFromDict(info)\nassert dlg.OK\n"
            "beep = sound.Sound('A', secs=0.1)\nbeep.play()\nkeys = event.waitKeys(keyList=['space'])\n"
            "assert keys == ['space'], keys\nwin.close()\ncore.quit()\n", "exit", "", None),
    # falling off the end is fine too
    (HEAD + "win.flip()\nwin.close()\n", "ok", "", None),
    # an endless loop is stopped at the time budget
    (HEAD + "while True:\n    win.flip()\n", "timeout", "", None),
    # a syntax error in the script itself
    (HEAD + "for i in range(3)\n    pass\n", "error", "SyntaxError", 3),
]


@needs_xvfb
@pytest.mark.parametrize("script,status,error,line", CASES)
def test_run(tmp_path, script, status, error, line):
    path = tmp_path / "experiment.py"
    path.write_text(script)
    result = run_script(path, sys.executable, timeout_s=15 if status != "timeout" else 6, headless="always")
    assert (result.status, result.error_type, result.line) == (status, error, line), result.stderr[-1500:]
    assert result.headless


@needs_xvfb
def test_outputs_stay_in_the_sandbox(tmp_path):
    path = tmp_path / "writes.py"
    path.write_text("open('data.csv', 'w').write('x')\nimport os\nos.makedirs('data', exist_ok=True)\n")
    (tmp_path / "conditions.csv").write_text("a\n1\n")  # a neighbour the script may read
    result = run_script(path, sys.executable, timeout_s=15, headless="always")
    assert result.status == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conditions.csv", "writes.py"]


@needs_xvfb
def test_cli_run_prints_the_location(tmp_path):
    path = tmp_path / "bad.py"
    path.write_text(HEAD + "stim = visual.TextStim(win, **{'colour': 'red'})\n")
    proc = subprocess.run([sys.executable, "-m", "psychopy_lsp.server.cli", "run", str(path), "--headless",
                           "always"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert f"{path}:3:1: error [psychopy-run] TypeError" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "psychopy_lsp.server.cli", "run", str(path), "--headless",
                           "always", "--json"], capture_output=True, text=True, timeout=120)
    assert json.loads(proc.stdout)["line"] == 3


def test_the_script_has_no_network(tmp_path):
    """A server listening on this machine's loopback is unreachable from the script: it runs in its own network
    namespace (where `unshare` works; the result says so)."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    threading.Thread(target=lambda: listener.accept(), daemon=True).start()
    script = tmp_path / "net.py"
    script.write_text(f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
                      "print('connected')\n")
    try:
        result = run_script(script, sys.executable, timeout_s=20, headless="never")
    finally:
        listener.close()
    assert result.network_isolated, "unshare is unavailable here: network isolation is not enforced"
    assert result.status == "error" and result.error_type in ("OSError", "ConnectionRefusedError", "TimeoutError"), \
        result.to_dict()


def test_the_script_sees_and_signals_only_its_own_processes(tmp_path):
    """In its PID namespace the script cannot signal (or renice, with the one capability it may keep) the
    server, and sees only its own processes in /proc."""
    import os

    script = tmp_path / "pids.py"
    script.write_text(f"import os\nprint('pids', len([p for p in os.listdir('/proc') if p.isdigit()]))\n"
                      f"try:\n    os.kill({os.getpid()}, 0)\n    print('reached the server')\n"
                      f"except ProcessLookupError:\n    print('no such process')\n")
    result = run_script(script, sys.executable, timeout_s=20, headless="never")
    assert result.status == "ok" and isolation().pid, result.to_dict()
    assert "no such process" in result.stdout and int(result.stdout.split("pids", 1)[1].split()[0]) < 10


def test_the_script_can_write_only_its_temporary_folder(tmp_path, monkeypatch):
    """Neighbouring files are readable, new files land in the temporary folder, anything else is read-only and
    the folders holding keys are empty (where user namespaces work; the result says so)."""
    Path("/tmp/escaped.txt").unlink(missing_ok=True)  # a leftover of a run that was not isolated
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("secret")
    monkeypatch.setenv("HOME", str(home))
    project = tmp_path / "project"
    project.mkdir()
    (project / "conditions.csv").write_text("word,colour\nRED,red\n")
    script = project / "fs.py"
    script.write_text(
        "import os\n"
        "print('read', open('conditions.csv').read().splitlines()[1])\n"
        "os.makedirs('data', exist_ok=True)\n"
        "open('data/out.csv', 'w').write('ok')\n"
        "print('wrote data', os.path.exists('data/out.csv'))\n"
        f"print('secret visible', os.path.exists({str(home / '.ssh' / 'id_ed25519')!r}))\n"
        f"for target in [{str(project / 'conditions.csv')!r}, {str(project / 'new.txt')!r}, '/tmp/escaped.txt']:\n"
        "    try:\n"
        "        open(target, 'a').write('x')\n"
        "        print('WROTE', target)\n"
        "    except OSError as exc:\n"
        "        print('refused', exc.errno)\n")
    result = run_script(script, sys.executable, timeout_s=30, headless="never")
    assert result.filesystem_isolated, "no mount namespace here: file-system isolation is not enforced"
    assert result.status == "ok", result.to_dict()
    out = result.stdout
    assert "read RED,red" in out and "wrote data True" in out
    assert "secret visible False" in out
    assert "WROTE" not in out and out.count("refused") == 3, out
    assert (project / "conditions.csv").read_text() == "word,colour\nRED,red\n"
    assert not (project / "new.txt").exists() and not (project / "data").exists()
    assert not Path("/tmp/escaped.txt").exists()


def test_the_script_cannot_undo_the_read_only_view(tmp_path):
    """Root inside its namespace but without capabilities: remounting writable is refused."""
    script = tmp_path / "remount.py"
    script.write_text("import subprocess\n"
                      "r = subprocess.run(['mount', '-o', 'remount,bind,rw', '/'], capture_output=True)\n"
                      "print('remount exit', r.returncode)\n"
                      "print('CapEff', [l.split()[1] for l in open('/proc/self/status') if l.startswith('CapEff')][0])\n")
    result = run_script(script, sys.executable, timeout_s=30, headless="never")
    assert result.filesystem_isolated and result.status == "ok", result.to_dict()
    # no capability left but CAP_SYS_NICE (bit 23), kept only in a PID namespace for the ptb Keyboard's thread
    caps = "0000000000800000" if isolation().realtime else "0000000000000000"
    assert "remount exit 0" not in result.stdout and f"CapEff {caps}" in result.stdout, result.stdout


def test_the_child_bootstrap_is_a_linted_module_that_runs_nothing_on_import(monkeypatch):
    """It runs in the user's interpreter, which may not have psychopy-lsp: the standard library and its own
    modules only, and importing them (as this test does) sets no limits and stubs nothing."""
    import importlib

    import pyflakes.api
    import pyflakes.reporter

    from psychopy_lsp.server.sandbox import child
    from psychopy_lsp.server.sandbox.child import report as report_module, stubs

    warnings: list[str] = []

    class Collect(pyflakes.reporter.Reporter):
        def __init__(self):
            pass

        def flake(self, message):
            warnings.append(str(message))

        def syntaxError(self, *args):
            warnings.append(f"syntax error {args}")

    files = sorted(Path(child.__file__).parent.glob("*.py"))
    assert len(files) >= 8
    for path in files:
        source = path.read_text()
        assert "psychopy_lsp" not in source.replace("psychopy_lsp_child", ""), path  # only relative imports
        assert pyflakes.api.check(source, str(path), Collect()) == 0, warnings
    monkeypatch.setitem(sys.modules, "psychopy.gui", None)
    for name in ("limits", "stubs", "participant", "frames", "keyboard", "hooks", "report", "__main__"):
        importlib.reload(importlib.import_module(f"psychopy_lsp.server.sandbox.child.{name}"))
    assert sys.modules["psychopy.gui"] is None  # importing stubbed nothing
    stub = stubs.stub_gui()
    dialog = stub.DlgFromDict({"participant": "01"})
    assert dialog.OK and dialog.show() == {"participant": "01"}
    try:
        raise KeyError("trial")
    except KeyError as exc:
        report = report_module.describe(exc)
    assert report["status"] == "error" and report["error"]["type"] == "KeyError" and report["frames"]
    # the columns of the expression that raised (Python 3.11+), for fix.raised_expression
    frame = report["frames"][-1]
    line = Path(frame["file"]).read_text().split("\n")[frame["line"] - 1]  # `code` is stripped, columns are not
    assert frame["end_line"] == frame["line"] and line[frame["col"]:frame["end_col"]] == 'raise KeyError("trial")'

