"""Process groups the server has started (sandboxed scripts and their Xvfb), so that `exit` can end them.

The server leaves with os._exit rather than waiting for its worker threads (a model load or an index build can
take a minute); the threads that would have killed these children at their time budget go with it.
"""

from __future__ import annotations

import os
import signal
import threading

_lock = threading.Lock()
_live: set[int] = set()


def started(pid: int) -> None:
    """Record a child started with start_new_session=True (its process group id is its pid)."""
    with _lock:
        _live.add(pid)


def ended(pid: int) -> None:
    with _lock:
        _live.discard(pid)


def kill(proc) -> None:
    """Kill a child started with start_new_session=True and everything it started (its process group); where
    there are no process groups (Windows), the child alone."""
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            killpg(proc.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass


def kill_all() -> int:
    """SIGKILL every recorded group; returns how many were still there."""
    with _lock:
        groups = list(_live)
        _live.clear()
    killed = 0
    killpg = getattr(os, "killpg", None)
    if killpg is None:  # no process groups here (Windows): children end with their job
        return 0
    for pgid in groups:
        try:
            killpg(pgid, getattr(signal, "SIGKILL", signal.SIGTERM))
            killed += 1
        except (ProcessLookupError, PermissionError):
            pass
    return killed
