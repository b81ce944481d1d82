"""Settings from initializationOptions (server/settings.py): camelCase, invalid values -> defaults + a message."""

import re
from pathlib import Path

import pytest

from psychopy_lsp.server.settings import Settings, markdown_table

CASES = [
    # empty options: defaults, no complaints
    ({}, {}, 0),
    # camelCase on the wire, typed fields
    ({"debounceMs": 100, "modelPath": "/m.gguf", "hover": False}, {"debounce_ms": 100, "model_path": "/m.gguf",
                                                                  "hover": False}, 0),
    # a section wrapper as some clients send it
    ({"psychopy": {"threads": 2}}, {"threads": 2}, 0),
    # wrong type: default kept, one message
    ({"debounceMs": "fast"}, {"debounce_ms": 250}, 1),
    # bool given as string: rejected
    ({"hover": "yes"}, {"hover": True}, 1),
    # value outside a closed set
    ({"modelBackend": "gpt"}, {"model_backend": "llamacpp"}, 1),
    # negative numbers
    ({"maxTokens": -5}, {"max_tokens": 64}, 1),
    # unknown keys are reported, not fatal
    ({"colour": "red"}, {}, 1),
]


@pytest.mark.parametrize("options,expected,n_errors", CASES)
def test_from_options(options, expected, n_errors):
    settings, errors = Settings.from_options(options)
    for key, value in expected.items():
        assert getattr(settings, key) == value
    assert len(errors) == n_errors, errors


def test_not_an_object():
    settings, errors = Settings.from_options(["nope"])
    assert settings == Settings() and errors


def test_readme_documents_every_setting():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for row in markdown_table().splitlines()[2:]:
        name = re.match(r"\| `(\w+)`", row).group(1)
        assert f"`{name}`" in readme, f"README lacks the setting {name}"


def test_readme_table_is_the_generated_one():
    """The README's settings table, character for character, is `psychopy-lsp settings --markdown`."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert markdown_table() in readme, "README table out of date: paste `psychopy-lsp settings --markdown`"


def test_neovim_settings_module_is_the_generated_one():
    """editors/nvim/lua/psychopy_lsp/settings.lua (the plugin's defaults and its setting checks) is generated."""
    from psychopy_lsp.server.settings import lua_module

    path = Path(__file__).parent.parent / "editors" / "nvim" / "lua" / "psychopy_lsp" / "settings.lua"
    assert path.read_text() == lua_module(), "regenerate: psychopy-lsp settings --lua > " + str(path)


def test_schema_cli_prints_every_setting(capsys):
    import json

    from psychopy_lsp.server.cli import main
    from psychopy_lsp.server.settings import schema

    assert main(["settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == schema()
