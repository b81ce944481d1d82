"""The pygls language server object: what the server holds (settings, the API index, the open documents, the
model) and how it changes; the handlers in ../handlers answer requests from it.

Start-up never blocks on the knowledge base: on `initialized` a background load finds psychopy, opens the index
(or builds it with work-done progress), and static features answer with what exists meanwhile (syntax errors at
once, PsychoPy checks as soon as the API records are read from source, about 3 s).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..documents import DocumentStore, Snapshot
from ..model.worker import ModelWorker
from ..settings import Settings
from .loads import LoadSlot, load_kb, load_model

log = logging.getLogger("psychopy_lsp")

# settings whose change means another model (or another way of running it)
MODEL_KEYS = ("model_backend", "model_path", "adapter_path", "remote_url", "remote_model", "context_size",
              "threads", "max_tokens", "remote_timeout_s")


class _EmptyIndex:
    """Until the knowledge base is ready: every lookup misses, so only syntax errors are reported."""

    vocab: dict = {}
    records: dict = {}

    def lookup(self, symbol: str):
        return None


class PsychopyLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("psychopy-lsp", __version__)
        self.settings = Settings()
        self.index: Any = _EmptyIndex()
        self.kb = None  # KnowledgeBase once the vector index is open (search)
        self.kb_status = "loading"
        self.kb_detail = ""
        self.install = None
        self.docs = DocumentStore()
        self.worker = ModelWorker()
        self.kb_loads = LoadSlot()
        self.model_loads = LoadSlot()
        self.backend = None  # the model backend, once loaded
        self.backend_error: str | None = None
        self.engine = None  # InlineEngine around the backend, with its suggestion cache
        self.model_state = "off"  # off | loading | ready | error
        self._said: set[str] = set()  # messages that are worth saying once (unknown settings)
        self._last_backend_error: str | None = None
        self._reporting_error = False

    # ---- documents ------------------------------------------------------------------------------------------
    def snapshot(self, uri: Any) -> Snapshot | None:
        """The current snapshot of an open document (None for unknown or closed ones): what every handler takes
        at its start and answers from."""
        if not isinstance(uri, str):
            return None
        return self.docs.snapshot(uri, self.workspace.text_documents.get(uri), self.index, self.position_encoding())

    def position_encoding(self) -> str:
        encoding = getattr(self.workspace, "position_encoding", None)
        return str(getattr(encoding, "value", encoding) or "utf-16")

    def schedule_diagnostics(self, uri: str, delay: float | None = None) -> None:
        from ..handlers.diagnostics import publish_later

        state = self.docs.state(uri)
        if state is None:
            return
        if state.pending is not None:
            state.pending.cancel()
            state.pending = None
        if not self.settings.diagnostics:
            return
        wait = self.settings.debounce_ms / 1000 if delay is None else delay
        state.pending = asyncio.ensure_future(publish_later(self, uri, wait))

    def refresh_all(self) -> None:
        for uri in self.docs.uris():
            self.schedule_diagnostics(uri, delay=0)

    # ---- messages and status --------------------------------------------------------------------------------
    def show(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=f"psychopy-lsp: {message}"))

    def show_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        if message not in self._said:
            self._said.add(message)
            self.show(message, kind)

    def report_server_error(self, error: Exception, source) -> None:
        """pygls shows an out-of-band error as a message, and a message that cannot be sent is itself an error:
        once the client has gone (a closed pipe) that recursed until the stack ran out, logging a traceback per
        level to stderr until the pipe filled and the process hung. Report each error once; never about a
        message that failed to go out while reporting one."""
        if self._reporting_error:
            log.debug("not reported (already reporting one): %s", error)
            return
        self._reporting_error = True
        try:
            super().report_server_error(error, source)
        finally:
            self._reporting_error = False

    def set_status(self, state: str | None = None, detail: str | None = None) -> None:
        """Tell the client what works now (editors show it in a status bar); `psychopy/status` notification."""
        if state is not None:
            self.kb_status, self.kb_detail = state, detail or ""
        self.protocol.notify("psychopy/status", {
            "state": self.kb_status, "detail": self.kb_detail, "index": bool(getattr(self.index, "records", None)),
            "search": self.kb is not None, "model": self.model_state, "modelError": self.backend_error,
            "psychopyVersion": self.install.version if self.install else None})

    # ---- the knowledge base -------------------------------------------------------------------------------
    def start_kb_load(self, force: bool = False) -> asyncio.Task:
        return self.kb_loads.start(lambda current: load_kb(self, current, force))

    def install_index(self, index: Any) -> None:
        """A new API index: every snapshot is rebuilt against it on next use, diagnostics are republished."""
        self.index = index
        self.refresh_all()

    def install_kb(self, kb: Any) -> None:
        self.kb = kb
        self.index = kb.index
        self.set_status("ready")
        self.refresh_all()

    # ---- the model ------------------------------------------------------------------------------------------
    def start_model_load(self) -> asyncio.Task:
        return self.model_loads.start(lambda current: load_model(self, current))

    def set_model_state(self, state: str) -> None:
        self.model_state = state
        self.set_status()

    def install_backend(self, backend: Any) -> None:
        self.backend, self.backend_error, self.engine = backend, None, None
        self.set_model_state("ready")

    def model_failed(self, message: str) -> None:
        self.backend, self.backend_error = None, message
        self.set_model_state("error")
        self.show(f"model unavailable: {message}. Static features keep working.", lsp.MessageType.Error)

    async def get_backend(self):
        """The model backend, loading it off the event loop with progress on first use; None (and one message)
        when it cannot load or the model is off. Static features never wait for it. A load superseded by a
        settings change is followed to the newest one."""
        while True:
            if self.settings.model_backend == "off" or self.backend_error is not None:
                return None
            if self.backend is not None:
                return self.backend
            task = self.model_loads.running() or self.start_model_load()
            try:
                await asyncio.shield(task)  # a cancelled request must not cancel the load others wait for
            except asyncio.CancelledError:
                if not task.cancelled():
                    raise  # this request was cancelled
                # the load was superseded: follow the newest
            if task is self.model_loads.task and self.backend is None and self.backend_error is None:
                return None  # the newest load ended without a backend (the model is off)

    async def get_engine(self):
        """The completion engine (backend + suggestion cache), or None when the model is off or failed."""
        from ..model.completer import InlineEngine
        from ..model.files import prompt_format_for
        from ..model.inline import PREFIX_TOKENS, SUFFIX_TOKENS

        backend = await self.get_backend()
        if backend is None:
            return None
        if self.engine is None or self.engine.backend is not backend:
            # the prompt's document share: what the context window leaves after the suffix and the answer
            prefix = max(128, min(PREFIX_TOKENS, self.settings.context_size - SUFFIX_TOKENS
                                  - self.settings.max_tokens - 32))
            adapter = getattr(backend, "adapter_path", None)
            self.engine = InlineEngine(backend, self.settings.max_tokens, prefix_tokens=prefix,
                                       prompt_format=prompt_format_for(adapter))
        return self.engine

    def report_backend_error(self, exc: Exception) -> None:
        """A failure during generation (remote server down, garbage): tell the user once per distinct message."""
        message = str(exc)
        if message != self._last_backend_error:
            self._last_backend_error = message
            self.show(f"model request failed: {message}", lsp.MessageType.Warning)

    def reset_model(self) -> None:
        """Settings that change the model drop it (and any load under way); the next request loads the new one."""
        self.docs.cancel_all()
        self.model_loads.cancel()  # a load under way is for the old settings
        self.backend = None
        self.backend_error = None
        self.engine = None
        self.model_state = "off"

    # ---- client capabilities ------------------------------------------------------------------------------
    def wants_model_items(self) -> bool:
        mode = self.settings.model_completion_items
        if mode == "never" or self.settings.model_backend == "off":
            return False
        if mode == "always":
            return True
        caps = self.client_capabilities
        inline = getattr(getattr(caps, "text_document", None), "inline_completion", None)
        return inline is None

    def completion_markdown(self) -> bool:
        caps = self.client_capabilities
        try:
            formats = caps.text_document.completion.completion_item.documentation_format or []
        except AttributeError:
            return False
        return lsp.MarkupKind.Markdown in formats


def make_server() -> PsychopyLanguageServer:
    from ..handlers import register

    server = PsychopyLanguageServer()
    register(server)
    return server
