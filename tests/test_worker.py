"""The model's own worker and cancellation before any wait: a request that became moot never queues behind a running
one, never takes the model's lock, and a remote backend never sleeps after its last try."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lsp_helpers import free_port
from psychopy_lsp.server.model.backends import BackendError, Cancelled, OpenAIBackend
from psychopy_lsp.server.model.worker import ModelWorker


async def test_a_job_cancelled_while_queued_never_runs():
    worker = ModelWorker()
    release, started, ran = threading.Event(), threading.Event(), []

    def slow() -> str:
        started.set()
        release.wait(10)
        return "slow"

    first = asyncio.ensure_future(worker.run(slow, threading.Event()))
    await asyncio.to_thread(started.wait, 10)
    cancel = threading.Event()
    second = asyncio.ensure_future(worker.run(lambda: ran.append(1), cancel))
    cancel.set()  # e.g. the user typed on while the first generation ran
    release.set()
    assert await first == "slow"
    with pytest.raises(Cancelled):
        await second
    assert ran == []
    worker.shutdown()


async def test_a_cancelled_request_sets_its_event():
    worker = ModelWorker()
    started, cancel = threading.Event(), threading.Event()

    def job() -> None:
        started.set()
        cancel.wait(10)  # what llama.cpp's abort callback polls

    task = asyncio.ensure_future(worker.run(job, cancel))
    await asyncio.to_thread(started.wait, 10)
    task.cancel()  # $/cancelRequest
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cancel.is_set()
    worker.shutdown()


async def test_an_already_cancelled_job_is_refused_at_once():
    worker = ModelWorker()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        await worker.run(lambda: pytest.fail("ran"), cancel)
    worker.shutdown()


class CountingEvent(threading.Event):
    """A cancel event that records how often the backend waited on it (its back-off between tries)."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout=None) -> bool:
        self.waits.append(timeout)
        return super().wait(timeout)


def test_remote_retries_back_off_between_tries_only():
    backend = OpenAIBackend(f"http://127.0.0.1:{free_port()}/v1", retries=2, timeout=2)
    cancel = CountingEvent()
    with pytest.raises(BackendError, match="after 3 tries"):
        list(backend.generate("x", 4, (), cancel))
    assert len(cancel.waits) == 2  # between the 3 tries, never after the last


def test_remote_retries_stop_when_cancelled():
    backend = OpenAIBackend(f"http://127.0.0.1:{free_port()}/v1", retries=5, timeout=2)
    cancel = CountingEvent()
    threading.Timer(0.05, cancel.set).start()  # cancelled during the first back-off
    with pytest.raises(Cancelled):
        list(backend.generate("x", 4, (), cancel))
    assert len(cancel.waits) == 1  # no further tries once cancelled
