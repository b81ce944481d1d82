"""Background loads (the knowledge base, the model) as superseding tasks.

Each kind has one slot: starting a load cancels the one before it, and a load may install its result only while
it is still the slot's newest (`current()`), so a settings change during a build or a model load can never be
overwritten by the older load finishing last. Index builds of one folder are also serialised in kb.store, since
a cancelled task cannot stop the thread it started. Any failure, expected or not, ends as an error status with
its message; nothing is left at `loading`.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from pathlib import Path
from typing import Awaitable, Callable

from lsprotocol import types as lsp

from .progress import progress

log = logging.getLogger("psychopy_lsp")


class LoadSlot:
    def __init__(self) -> None:
        self.task: asyncio.Task | None = None
        self.generation = 0

    def start(self, load: Callable[[Callable[[], bool]], Awaitable[None]]) -> asyncio.Task:
        """Run `load(current)`, superseding whatever ran before; `current()` says whether it is still newest."""
        self.generation += 1
        generation = self.generation
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = asyncio.ensure_future(load(lambda: generation == self.generation))
        return self.task

    def cancel(self) -> None:
        """Supersede whatever runs, starting nothing in its place."""
        self.generation += 1
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = None

    def running(self) -> asyncio.Task | None:
        return self.task if self.task is not None and not self.task.done() else None


# ---- the knowledge base ---------------------------------------------------------------------------------------
async def load_kb(ls, current: Callable[[], bool], force: bool = False) -> None:
    try:
        await _load_kb(ls, current, force)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - an unexpected failure must end as an error status, not `loading`
        log.error("knowledge base load failed:\n%s", traceback.format_exc())
        if current():
            ls.set_status("error", f"{type(exc).__name__}: {exc}")
            ls.show(f"the knowledge base failed to load ({exc}); syntax errors still show.", lsp.MessageType.Error)


async def _load_kb(ls, current: Callable[[], bool], force: bool) -> None:
    from ...kb.index import index_from_source
    from ...kb.locate import PsychopyNotFound, find_psychopy
    from ...kb.store import KBError, KnowledgeBase, build, default_root, index_dir, read_meta

    settings = ls.settings
    ls.set_status("loading")
    try:
        install = await asyncio.to_thread(find_psychopy, settings.psychopy_python or None)
    except PsychopyNotFound as exc:
        if current():
            ls.set_status("error", str(exc))
            ls.show(f"{exc} PsychoPy checks, hover and completion are off; syntax errors still show.",
                    lsp.MessageType.Error)
        return
    if not current():
        return
    ls.install = install
    root = Path(settings.kb_dir) if settings.kb_dir else default_root()
    path = index_dir(root, install.version)
    if read_meta(path) is not None and not force:
        try:
            kb = await asyncio.to_thread(KnowledgeBase, path)
        except KBError as exc:
            ls.show(f"{exc}; rebuilding it.")
            force = True  # the folder looks complete, so an unforced build would keep the damaged one
        else:
            if current():
                ls.install_kb(kb)
            return
    async with progress(ls, "PsychoPy knowledge base", f"reading psychopy {install.version}", 0) as bar:
        # static features first: the API records straight from source (seconds), then the searchable index
        index = await asyncio.to_thread(index_from_source, install)
        if not current():
            bar.end_message = "superseded"
            return
        ls.install_index(index)
        ls.set_status("building", "API read from source; building the search index")
        report = bar.reporter()
        labels = {"extract": "reading the API", "write": "writing the index"}

        def step(stage: str, done: int, total: int) -> None:
            label = f"embedding {done}/{total}" if stage == "embed" else labels.get(stage, stage)
            report(label, int(100 * done / total) if total else 0)

        try:
            await asyncio.to_thread(build, install, root, force, step)
            kb = await asyncio.to_thread(KnowledgeBase, path)
        except Exception as exc:  # noqa: BLE001 - disk full, lance errors...: static features keep working
            bar.end_message = f"failed: {exc}"
            if current():
                ls.set_status("error", str(exc))
                ls.show(f"could not build the knowledge base ({exc}); hover and checks use the API read from "
                        "source, search is off.", lsp.MessageType.Error)
            return
        bar.end_message = "ready" if current() else "superseded"
    if current():  # announced after the progress ended, so clients see them in that order
        ls.install_kb(kb)


# ---- the model ----------------------------------------------------------------------------------------------
async def load_model(ls, current: Callable[[], bool]) -> None:
    """Load the backend the settings of this moment ask for; install it only if no newer load started."""
    try:
        await _load_model(ls, current)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever failed, the status says so (never stuck at `loading`)
        log.error("model load failed:\n%s", traceback.format_exc())
        if current():
            ls.model_failed(f"{type(exc).__name__}: {exc}")


async def _load_model(ls, current: Callable[[], bool]) -> None:
    from ..model.backends import BackendError, make_backend
    from ..model.files import ModelFileError

    settings = ls.settings
    ls.set_model_state("loading")
    async with progress(ls, "PsychoPy model", f"loading ({settings.model_backend})") as bar:
        try:
            backend = await asyncio.to_thread(make_backend, settings)
        except asyncio.CancelledError:
            bar.end_message = "superseded"
            raise
        except (ModelFileError, BackendError, OSError) as exc:  # a bad file, a server that is down: one message
            bar.end_message = "error"
            if current():
                ls.model_failed(str(exc))
            return
        if not current():
            bar.end_message = "superseded"
            return
        bar.end_message = "ready"
    ls.install_backend(backend)
