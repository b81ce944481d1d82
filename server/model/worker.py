"""The model's own worker: one thread that runs every generation (inline completion, fixes, answers), so model
work never competes with the default thread pool (diagnostics, index builds, runs) and one llama.cpp context is
used from one thread at a time.

A job whose cancel event is set before it starts is dropped without touching the model, so keystrokes never
queue behind work that is already moot; a running job stops at llama.cpp's abort callback.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from .backends import Cancelled

T = TypeVar("T")


class ModelWorker:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="psychopy-model")

    async def run(self, fn: Callable[[], T], cancel: threading.Event) -> T:
        """Run `fn` on the model thread. Raises Cancelled when `cancel` is set before it starts (or fn raises it);
        a cancelled await (e.g. $/cancelRequest) sets `cancel` so the running generation stops too."""
        if cancel.is_set():
            raise Cancelled()

        def job() -> T:
            if cancel.is_set():
                raise Cancelled()
            return fn()

        future = asyncio.get_running_loop().run_in_executor(self._pool, job)
        try:
            return await future
        except asyncio.CancelledError:
            cancel.set()
            raise

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
