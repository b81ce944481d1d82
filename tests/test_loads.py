"""Background loads (server/app/loads.py) on the real server object, without a client: a newer load supersedes an
older one, only the newest installs its result, and any failure ends as an error status with its message."""

from __future__ import annotations

import asyncio
import threading

import pytest

from psychopy_lsp.server.app import loads
from psychopy_lsp.server.app.server import PsychopyLanguageServer
from psychopy_lsp.server.settings import Settings


@pytest.fixture
def server(monkeypatch):
    ls = PsychopyLanguageServer()
    ls.statuses, ls.messages = [], []
    monkeypatch.setattr(ls.protocol, "notify", lambda method, params=None: ls.statuses.append(params))
    monkeypatch.setattr(ls, "show", lambda message, kind=None: ls.messages.append(message))
    return ls


class Gate:
    """make_backend stand-in: each call blocks until released, then returns what it was built for."""

    def __init__(self) -> None:
        self.calls: list[tuple[Settings, threading.Event]] = []

    def __call__(self, settings: Settings):
        release = threading.Event()
        self.calls.append((settings, release))
        release.wait(10)
        return f"backend for {settings.model_path}"


async def test_a_settings_change_during_a_model_load_is_not_lost(server, monkeypatch):
    import psychopy_lsp.server.model.backends as backends

    gate = Gate()
    monkeypatch.setattr(backends, "make_backend", gate)
    server.settings = Settings(model_path="/old.gguf")
    waiter = asyncio.ensure_future(server.get_backend())
    while not gate.calls:
        await asyncio.sleep(0.01)
    server.settings = Settings(model_path="/new.gguf")  # what didChangeConfiguration does
    server.reset_model()
    gate.calls[0][1].set()  # the old load finishes first...
    while len(gate.calls) < 2:
        await asyncio.sleep(0.01)
    assert server.backend is None  # ...and is not installed
    gate.calls[1][1].set()
    assert await asyncio.wait_for(waiter, 10) == "backend for /new.gguf"
    assert server.backend == "backend for /new.gguf" and server.model_state == "ready"


async def test_an_unexpected_failure_in_a_model_load_is_an_error_status(server, monkeypatch):
    import psychopy_lsp.server.model.backends as backends

    def broken(settings):
        raise KeyError("gguf.architecture")  # not one of the errors a load expects

    monkeypatch.setattr(backends, "make_backend", broken)
    assert await server.get_backend() is None
    assert server.model_state == "error" and "KeyError" in server.backend_error
    assert server.statuses[-1]["model"] == "error"


async def test_an_unexpected_failure_in_a_kb_load_is_an_error_status(server, monkeypatch):
    import psychopy_lsp.kb.locate as locate

    def broken(python=None):
        raise PermissionError("psychopy's folder is not readable")

    monkeypatch.setattr(locate, "find_psychopy", broken)
    await server.start_kb_load()
    assert server.kb_status == "error" and "not readable" in server.kb_detail
    assert server.statuses[-1]["state"] == "error" and server.messages


async def test_only_the_newest_kb_load_installs(server, monkeypatch, psychopy_install, kb_root, tmp_path):
    """A configuration change during a first-time build starts another load: the older one must never install
    what it read once the newer has started."""
    import psychopy_lsp.kb.locate as locate

    release = threading.Event()
    real = locate.find_psychopy

    def slow(python=None):
        release.wait(10)
        return real(python)

    monkeypatch.setattr(locate, "find_psychopy", slow)
    server.settings = Settings(kb_dir=str(tmp_path / "elsewhere"))
    older = server.start_kb_load()
    monkeypatch.setattr(locate, "find_psychopy", real)
    server.settings = Settings(kb_dir=str(kb_root))
    newer = server.start_kb_load()
    release.set()
    await asyncio.wait_for(newer, 120)
    with pytest.raises(asyncio.CancelledError):
        await older
    assert server.kb_status == "ready" and server.kb is not None
    assert str(server.kb.path).startswith(str(kb_root))
    assert not (tmp_path / "elsewhere").exists()  # the older load never built anything


def test_a_slot_cancels_the_older_load():
    slot = loads.LoadSlot()
    seen: list = []

    async def load(current):
        await asyncio.sleep(0)
        seen.append(current)

    async def run():
        first, second = slot.start(load), slot.start(load)
        await asyncio.gather(first, second, return_exceptions=True)
        return first, second

    first, second = asyncio.run(run())
    assert first.cancelled() and not second.cancelled()
    assert len(seen) == 1 and seen[0]() is True
