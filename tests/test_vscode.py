"""The VS Code extension (editors/vscode): its settings are the server's Settings one-to-one (names, defaults,
types), it type-checks (lint), its unit tests pass (settings mapping, command arguments, command wiring), and
the .vsix builds with @vscode/vsce."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest

from psychopy_lsp.server.settings import Settings, camel, schema

EXT = Path(__file__).resolve().parent.parent / "editors" / "vscode"
PACKAGE = json.loads((EXT / "package.json").read_text())
PROPS = PACKAGE["contributes"]["configuration"]["properties"]


@pytest.mark.parametrize("name, entry", schema().items(), ids=list(schema()))
def test_every_server_setting_is_contributed_as_the_schema_says(name, entry):
    """Type, default, description and allowed values: package.json is checked against server/settings.py."""
    prop = PROPS.get(f"psychopyLsp.{name}")
    assert prop is not None, f"package.json lacks psychopyLsp.{name}"
    assert (prop["type"], prop["default"]) == (entry["type"], entry["default"])
    assert prop.get("markdownDescription", prop.get("description")) == entry["description"]
    assert prop.get("enum") == entry.get("enum")


def test_no_contributed_setting_the_server_does_not_know():
    known = {f"psychopyLsp.{camel(f.name)}" for f in fields(Settings)} | {"psychopyLsp.serverPath"}
    assert set(PROPS) == known


def test_server_commands_the_extension_calls_exist():
    from psychopy_lsp.server.handlers.commands import COMMANDS

    for server_command in ("psychopy.runScript", "psychopy.generate", "psychopy.explain", "psychopy.ask", "psychopy.rebuildKnowledgeBase"):
        assert server_command in COMMANDS
        assert server_command in (EXT / "src" / "commands.ts").read_text()


@pytest.mark.slow
def test_lint_unit_tests_and_vsix(tmp_path):
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to build the VS Code extension (Node.js 20)")

    def run(*cmd):
        proc = subprocess.run(cmd, cwd=EXT, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc.stdout

    run(npm, "ci", "--no-audit", "--no-fund")
    run(npm, "run", "lint")
    run(npm, "run", "compile")
    out = run(npm, "test")
    assert "# fail 0" in out and "# pass 9" in out
    vsix = tmp_path / "psychopy-lsp.vsix"
    run("npx", "vsce", "package", "--out", str(vsix))
    assert vsix.stat().st_size > 10_000
