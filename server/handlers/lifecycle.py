"""initialize, initialized, exit and workspace/didChangeConfiguration."""

from __future__ import annotations

import os
import sys
from typing import Any

from lsprotocol import types as lsp

from ..app.server import MODEL_KEYS
from ..settings import Settings


def _say(ls, errors: list[str]) -> None:
    for error in errors:
        ls.show_once(error)  # an unknown key is named once, not on every configuration change


def on_initialize(ls, params: lsp.InitializeParams) -> None:
    ls.settings, errors = Settings.from_options(params.initialization_options)
    _say(ls, errors)


async def on_initialized(ls, params: lsp.InitializedParams) -> None:
    ls.start_kb_load()
    if ls.settings.model_backend != "off" and (ls.settings.inline_completion or ls.settings.model_fixes):
        ls.start_model_load()  # in the background, with progress; nothing waits for it


def on_exit(ls, params: Any) -> None:
    """Leave now. pygls would exit through asyncio.run, which waits for every worker thread: a model load or
    an index build still running kept the process alive for up to a minute after `exit`, writing to a
    closed pipe. Index builds write to a temporary folder and rename it into place, so stopping one loses
    nothing; scripts running in the sandbox are killed with their Xvfb."""
    from ..sandbox import process_groups

    process_groups.kill_all()  # generation threads need no cancelling: os._exit ends them with the process
    sys.stderr.flush()
    os._exit(0 if getattr(ls.protocol, "_shutdown", False) else 1)


def on_configuration(ls, params: lsp.DidChangeConfigurationParams) -> None:
    if params.settings is None:
        return
    settings, errors = Settings.from_options(params.settings)
    _say(ls, errors)
    previous = ls.settings
    ls.settings = settings
    if any(getattr(settings, k) != getattr(previous, k) for k in MODEL_KEYS):
        ls.reset_model()
    if (settings.kb_dir, settings.psychopy_python) != (previous.kb_dir, previous.psychopy_python):
        ls.start_kb_load()  # supersedes a load still running for the old folder or interpreter
    ls.refresh_all()
