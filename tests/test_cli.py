"""The command line: kb show/search, doctor (real subprocesses against the session's temporary index)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

CLI = [sys.executable, "-m", "psychopy_lsp.server.cli"]


def run(*args, timeout=300):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


def test_kb_show_textstim(kb_root):
    proc = run("kb", "show", "visual.TextStim", "--kb-dir", str(kb_root))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Parameters (30)" in out
    # inherited parameters carry the base class's docs
    assert "pos = (0.0, 0.0): The position of the center of the stimulus" in out
    assert "from psychopy.visual.basevisual.ForeColorMixin.color" in out


def test_kb_show_unknown_suggests(kb_root):
    proc = run("kb", "show", "visual.TextStm", "--kb-dir", str(kb_root))
    assert proc.returncode == 1 and "no PsychoPy symbol" in proc.stderr


def test_kb_search_json(kb_root):
    proc = run("kb", "search", "how do I measure reaction times", "--json", "--kb-dir", str(kb_root))
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert len(hits) == 5 and {"symbol", "score", "source", "summary"} <= set(hits[0])


def test_doctor_json(kb_root):
    proc = run("doctor", "--json", "--kb-dir", str(kb_root))
    report = json.loads(proc.stdout)
    for key in ("python", "psychopy", "llama_cpp", "model", "adapter", "kb", "embedding", "display", "sandbox",
                "threads"):
        assert key in report, key
    assert report["kb"]["status"] == "ok" and report["kb"]["rows"]["api"] > 2000
    assert report["psychopy"]["version"]
    assert report["llama_cpp"]["portable"] is True
    assert report["sandbox"]["network_isolated"] and report["sandbox"]["filesystem_isolated"], report["sandbox"]


def test_doctor_names_the_fix_for_a_missing_kb(tmp_path):
    proc = run("doctor", "--kb-dir", str(tmp_path / "empty"))
    assert proc.returncode == 1
    assert "psychopy-lsp kb build" in proc.stderr


def test_missing_psychopy_is_a_clear_error(tmp_path):
    proc = run("kb", "build", "--python", "/usr/bin/false", "--kb-dir", str(tmp_path))
    assert proc.returncode != 0 and "psychopy" in proc.stderr.lower()
    assert "Traceback" not in proc.stderr


def test_demo_session_shows_findings_hover_completion_and_fixes(kb_root):
    # the README's first command ends in this session: the model loads while the index opens, and every message
    # the server sends meanwhile must arrive (they once went to /dev/null while llama.cpp loaded)
    proc = run("demo", "--kb-dir", str(kb_root), timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = proc.stdout
    assert "== diagnostics (8)" in out
    assert "[PSY101] TextStim() got an unexpected keyword argument 'colour'; did you mean 'color'?" in out
    assert "**Parameter** `height`" in out
    assert out.count("is gone") == out.count("== quick fix for [") >= 7 and "is still there" not in out
    # the timing finding the repaired flip uncovers, explained on hover and fixed on the flip
    assert "new: stroop.py:27: warning [PSY301]" in out and "== hover over the timing finding [PSY301]" in out
    assert "+ 27: win.callOnFlip(clock.reset)" in out
    # the model's inline completion, with its time: a whole line shown after `feedback.`, then typed along
    assert "== inline completion by the model" in out and " ms (the first request loads the model)" in out
    assert "    feedback.\u2502" in out and "(no suggestion" not in out, out[-1500:]
    assert "from the suggestion cache" in out
    # the Keyboard task in the sandbox: answered, a stale key caught, the KeyError's fix proved and applied
    assert "== run in the sandbox (psychopy.runScript, version 1): error after" in out
    assert re.search(r"emulated participant: [34] answers \((left|right) \d+ ms", out), out[-3000:]
    assert "rt_keyboard.py:18: warning [stale-key]" in out and "rt_keyboard.py:26: error [KeyError]" in out
    assert "== quick fix for [KeyError] line 26: Use the key 'right'" in out and "(proved by a re-run)" in out
    assert "+ 26: print(f\"mean RT {sum(rts) / len(rts) * 1000:.0f} ms; right answers: {answers['right']}\")" in out
    assert "== run in the sandbox (psychopy.runScript, version 2): ok after" in out
    # an experiment written from the README's description and verified by running it
    assert "== write this experiment (psychopy.generate)" in out and "  VERIFIED in " in out, out[-3000:]
    assert "| KEYS = ['p', 'a']" in out and "| N_TRIALS = 12" in out
    # an answer from the docs, with the records it cites
    assert "== ask the docs (psychopy.ask)" in out and "  answer, " in out and "  [1] " in out, out[-3000:]
    assert out.rstrip().endswith("== done")


PROTOCOL_PROBE = """
import os, sys
from psychopy_lsp.server.cli import private_stdout
out = private_stdout()
print("stray print")           # a library printing
os.write(1, b"stray write")    # a C library writing to fd 1
null = os.open(os.devnull, os.O_WRONLY)
saved = os.dup(1)
os.dup2(null, 1)               # what llama.cpp's loader does while a model loads
out.write(b"protocol message")
os.dup2(saved, 1)
"""


def test_protocol_stream_survives_stdout_redirection():
    proc = subprocess.run([sys.executable, "-c", PROTOCOL_PROBE], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"protocol message"
    assert b"stray print" in proc.stderr and b"stray write" in proc.stderr
