"""Work-done progress for long work (index builds, model loads, runs), when the client supports it."""

from __future__ import annotations

import asyncio
import threading
import uuid
from contextlib import asynccontextmanager
from typing import AsyncIterator, Callable

from lsprotocol import types as lsp


def supported(ls) -> bool:
    caps = getattr(ls.protocol, "client_capabilities", None)  # None before `initialize`
    return bool(caps and caps.window and caps.window.work_done_progress)


class Progress:
    """One work-done progress token; every method is a no-op when the client has no progress support."""

    def __init__(self, ls, enabled: bool):
        self.ls = ls
        self.enabled = enabled
        self.token = str(uuid.uuid4())
        self.end_message = "done"
        # set when the user presses the progress's Cancel (window/workDoneProgress/cancel): pygls cancels the
        # token's future, whose callback sets this; work on a thread polls it between steps
        self.cancelled = threading.Event()

    def report(self, message: str, percentage: int | None = None) -> None:
        if self.enabled:
            self.ls.work_done_progress.report(self.token, lsp.WorkDoneProgressReport(
                message=message, percentage=percentage))

    def reporter(self) -> Callable[[str, int | None], None]:
        """`report` for a worker thread: hops onto the event loop."""
        loop = asyncio.get_running_loop()
        return lambda message, percentage=None: loop.call_soon_threadsafe(self.report, message, percentage)


@asynccontextmanager
async def progress(ls, title: str, message: str = "", percentage: int | None = None,
                   cancellable: bool = False) -> AsyncIterator[Progress]:
    """Begin a progress on entry and end it on exit, whatever happens inside (set `end_message` to say how)."""
    handle = Progress(ls, supported(ls))
    if handle.enabled:
        await ls.work_done_progress.create_async(handle.token)
        if cancellable:
            token_future = ls.work_done_progress.tokens.get(handle.token)
            if token_future is not None:
                token_future.add_done_callback(lambda f: handle.cancelled.set() if f.cancelled() else None)
        ls.work_done_progress.begin(handle.token, lsp.WorkDoneProgressBegin(
            title=title, message=message or None, percentage=percentage, cancellable=cancellable))
    try:
        yield handle
    finally:
        if handle.enabled:
            ls.work_done_progress.end(handle.token, lsp.WorkDoneProgressEnd(message=handle.end_message))
