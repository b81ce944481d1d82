"""The pygls language server: thin handlers that fetch the document and call the pure feature modules.

Start-up never blocks on the knowledge base: on `initialized` a background task finds psychopy, opens the index
(or builds it with work-done progress), and static features answer with what exists meanwhile (syntax errors at
once, PsychoPy checks as soon as the API records are read from source, about 3 s).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import traceback
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from . import __version__
from .analysis import Analysis
from .checker import check
from .code_actions import quick_fixes
from .completion import completion
from .diagnostics import to_diagnostic
from .hover import hover
from .positions import LineIndex
from .settings import Settings

log = logging.getLogger("psychopy_lsp")


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
        self.install = None
        self._analyses: OrderedDict[tuple[str, int | None, int], tuple[Analysis, LineIndex]] = OrderedDict()
        self._pending: dict[str, asyncio.Task] = {}
        self._kb_task: asyncio.Task | None = None
        self.runtime: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}  # uri -> (version, psychopy-run)
        self.backend = None  # the model backend, loaded on first use
        self.backend_error: str | None = None
        self._backend_lock: asyncio.Lock | None = None
        self.inflight: dict[str, threading.Event] = {}  # uri -> cancel event of the generation running for it
        self.engine = None  # InlineEngine around the backend, with its suggestion cache
        self.model_state = "off"  # off | loading | ready | error
        self._reporting_error = False

    # ---- documents and analyses ---------------------------------------------------------------------------
    def analysis_for(self, uri: str) -> tuple[Any, Analysis, LineIndex] | None:
        """The cached analysis of the document's current version (None for unknown or closed documents)."""
        if uri not in self.workspace.text_documents:
            return None
        doc = self.workspace.get_text_document(uri)
        key = (uri, doc.version, id(self.index))
        cached = self._analyses.get(key)
        if cached is None:
            source = doc.source
            cached = (Analysis(source, self.index), LineIndex(source, self.position_encoding()))
            self._analyses[key] = cached
            while len(self._analyses) > 16:
                self._analyses.popitem(last=False)
        else:
            self._analyses.move_to_end(key)
        return doc, *cached

    def position_encoding(self) -> str:
        encoding = getattr(self.workspace, "position_encoding", None)
        return str(getattr(encoding, "value", encoding) or "utf-16")

    def show(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=f"psychopy-lsp: {message}"))

    # ---- diagnostics --------------------------------------------------------------------------------------
    def schedule_diagnostics(self, uri: str, delay: float | None = None) -> None:
        previous = self._pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        if not self.settings.diagnostics:
            return
        wait = self.settings.debounce_ms / 1000 if delay is None else delay
        self._pending[uri] = asyncio.ensure_future(self._publish_later(uri, wait))

    async def _publish_later(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            found = self.analysis_for(uri)
            if found is None:
                return
            doc, analysis, lines = found
            version = doc.version
            findings = await asyncio.to_thread(check, analysis)
            current = self.workspace.text_documents.get(uri)
            if current is None or current.version != version:
                return  # edited or closed meanwhile: a newer run is scheduled
            diagnostics = [to_diagnostic(f, lines, version) for f in findings]
            run_version, run_diagnostics = self.runtime.get(uri, (None, []))
            if run_version == version:
                diagnostics += run_diagnostics
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        except asyncio.CancelledError:
            pass
        except Exception:  # noqa: BLE001 - a checker bug must not take the server down
            log.error("diagnostics failed for %s:\n%s", uri, traceback.format_exc())

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

    def set_status(self, state: str, detail: str = "") -> None:
        """Tell the client what works now (editors show it in a status bar); `psychopy/status` notification."""
        self.kb_status = state
        self.protocol.notify("psychopy/status", {
            "state": state, "detail": detail, "index": bool(getattr(self.index, "records", None)),
            "search": self.kb is not None, "model": self.model_state,
            "modelError": self.backend_error,
            "psychopyVersion": self.install.version if self.install else None})

    def refresh_all(self) -> None:
        self._analyses.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule_diagnostics(uri, delay=0)

    # ---- knowledge base -----------------------------------------------------------------------------------
    async def load_kb(self, force: bool = False) -> None:
        from ..kb.index import index_from_source
        from ..kb.locate import PsychopyNotFound, find_psychopy
        from ..kb.store import KBError, KnowledgeBase, build, default_root, index_dir, read_meta
        from pathlib import Path

        token = str(uuid.uuid4())
        progress = self._progress_supported()
        loop = asyncio.get_running_loop()
        try:
            self.install = await asyncio.to_thread(find_psychopy, self.settings.psychopy_python or None)
        except PsychopyNotFound as exc:
            self.set_status("error", str(exc))
            self.show(f"{exc} PsychoPy checks, hover and completion are off; syntax errors still show.",
                      lsp.MessageType.Error)
            return
        root = Path(self.settings.kb_dir) if self.settings.kb_dir else default_root()
        path = index_dir(root, self.install.version)
        if read_meta(path) is not None and not force:
            try:
                self.kb = await asyncio.to_thread(KnowledgeBase, path)
                self.index = self.kb.index
                self.set_status("ready")
                self.refresh_all()
                return
            except KBError as exc:
                self.show(f"{exc}; rebuilding it.")
                force = True  # the folder looks complete, so an unforced build would keep the damaged one
        if progress:
            await self.work_done_progress.create_async(token)
            self.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(
                title="PsychoPy knowledge base", message=f"reading psychopy {self.install.version}",
                percentage=0, cancellable=False))
        # static features first: the API records straight from source (seconds), then the searchable index
        self.index = await asyncio.to_thread(index_from_source, self.install)
        self.set_status("building", "API read from source; building the search index")
        self.refresh_all()

        def report(stage: str, done: int, total: int) -> None:
            if not progress:
                return
            pct = int(100 * done / total) if total else 0
            message = {"extract": "reading the API", "embed": f"embedding {done}/{total}",
                       "write": "writing the index"}.get(stage, stage)
            loop.call_soon_threadsafe(self.work_done_progress.report, token,
                                      lsp.WorkDoneProgressReport(message=message, percentage=pct))

        error: Exception | None = None
        try:
            await asyncio.to_thread(build, self.install, root, force, report)
            kb = await asyncio.to_thread(KnowledgeBase, path)
        except Exception as exc:  # noqa: BLE001 - disk full, lance errors...: static features keep working
            error = exc
        if progress:  # end the progress before announcing the outcome, so clients see them in that order
            self.work_done_progress.end(token, lsp.WorkDoneProgressEnd(
                message="ready" if error is None else f"failed: {error}"))
        if error is None:
            self.kb = kb
            self.index = kb.index
            self.set_status("ready")
            self.refresh_all()
        else:
            self.set_status("error", str(error))
            self.show(f"could not build the knowledge base ({error}); hover and checks use the API read from "
                      "source, search is off.", lsp.MessageType.Error)

    async def get_backend(self):
        """The model backend, loaded off the event loop on first use with work-done progress; None (and one
        message) when it cannot load. Static features never wait for it."""
        from .backends import BackendError, make_backend
        from .model_files import ModelFileError

        if self._backend_lock is None:
            self._backend_lock = asyncio.Lock()
        async with self._backend_lock:
            if self.backend is None and self.backend_error is None and self.settings.model_backend != "off":
                token = str(uuid.uuid4())
                progress = self._progress_supported()
                self.model_state = "loading"
                self.set_status(self.kb_status)
                if progress:
                    await self.work_done_progress.create_async(token)
                    self.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(
                        title="PsychoPy model", message=f"loading ({self.settings.model_backend})"))
                try:
                    self.backend = await asyncio.to_thread(make_backend, self.settings)
                    self.model_state = "ready"
                except (ModelFileError, BackendError, OSError) as exc:
                    self.backend_error = str(exc)
                    self.model_state = "error"
                    self.show(f"model unavailable: {exc}. Static features keep working.", lsp.MessageType.Error)
                finally:
                    if progress:
                        self.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=self.model_state))
                    self.set_status(self.kb_status)
        return self.backend

    async def get_engine(self):
        """The completion engine (backend + suggestion cache), or None when the model is off or failed."""
        from .inline_engine import InlineEngine

        backend = await self.get_backend()
        if backend is None:
            return None
        if self.engine is None or self.engine.backend is not backend:
            self.engine = InlineEngine(backend, self.settings.max_tokens, self.settings.context_size,
                                       self.settings.inline_time_budget_ms / 1000)
        return self.engine

    def report_backend_error(self, exc: Exception) -> None:
        """A failure during generation (remote server down, garbage): tell the user once per distinct message."""
        message = str(exc)
        if message != getattr(self, "_last_backend_error", None):
            self._last_backend_error = message
            self.show(f"model request failed: {message}", lsp.MessageType.Warning)

    def reset_model(self) -> None:
        """Settings that change the model drop it; the next request loads the new one."""
        for event in self.inflight.values():
            event.set()
        self.backend = None
        self.backend_error = None
        self.engine = None
        self.model_state = "off"

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

    def _progress_supported(self) -> bool:
        caps = self.client_capabilities
        return bool(caps and caps.window and caps.window.work_done_progress)


def make_server() -> PsychopyLanguageServer:
    server = PsychopyLanguageServer()

    @server.feature(lsp.INITIALIZE)
    def on_initialize(ls: PsychopyLanguageServer, params: lsp.InitializeParams) -> None:
        ls.settings, errors = Settings.from_options(params.initialization_options)
        for error in errors:
            ls.show(f"{error}")

    @server.feature(lsp.INITIALIZED)
    async def on_initialized(ls: PsychopyLanguageServer, params: lsp.InitializedParams) -> None:
        ls._kb_task = asyncio.ensure_future(ls.load_kb())
        if ls.settings.model_backend != "off" and (ls.settings.inline_completion or ls.settings.model_fixes):
            asyncio.ensure_future(ls.get_backend())  # in the background, with progress; nothing waits for it

    @server.feature(lsp.EXIT)
    def on_exit(ls: PsychopyLanguageServer, params: Any) -> None:
        """Leave now. pygls would exit through asyncio.run, which waits for every worker thread: a model load or
        an index build still running kept the process alive for up to a minute after `exit`, writing to a
        closed pipe. Index builds write to a temporary folder and rename it into place, so stopping one loses
        nothing; scripts running in the sandbox are killed with their Xvfb."""
        from . import process_groups

        process_groups.kill_all()  # generation threads need no cancelling: os._exit ends them with the process
        sys.stderr.flush()
        os._exit(0 if getattr(ls.protocol, "_shutdown", False) else 1)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def on_config(ls: PsychopyLanguageServer, params: lsp.DidChangeConfigurationParams) -> None:
        if params.settings is None:
            return
        settings, errors = Settings.from_options(params.settings)
        for error in errors:
            ls.show(error)
        reload_kb = (settings.kb_dir, settings.psychopy_python) != (ls.settings.kb_dir, ls.settings.psychopy_python)
        model_keys = ("model_backend", "model_path", "adapter_path", "remote_url", "remote_model", "context_size",
                      "threads", "max_tokens", "inline_time_budget_ms", "remote_timeout_s")
        if any(getattr(settings, k) != getattr(ls.settings, k) for k in model_keys):
            ls.reset_model()
        ls.settings = settings
        if reload_kb:
            ls._kb_task = asyncio.ensure_future(ls.load_kb())
        ls.refresh_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def on_open(ls: PsychopyLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule_diagnostics(params.text_document.uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def on_change(ls: PsychopyLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        running = ls.inflight.pop(params.text_document.uri, None)
        if running is not None:
            running.set()  # a newer version: whatever is being generated for the old one is moot
        ls.schedule_diagnostics(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def on_save(ls: PsychopyLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule_diagnostics(params.text_document.uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def on_close(ls: PsychopyLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        task = ls._pending.pop(params.text_document.uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                          diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: PsychopyLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        found = ls.analysis_for(params.text_document.uri) if ls.settings.hover else None
        if found is None:
            return None
        _, analysis, lines = found
        return hover(analysis, lines, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                    lsp.CompletionOptions(trigger_characters=[".", "(", ",", "=", "'", '"']))
    async def on_completion(ls: PsychopyLanguageServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
        from .inline_handler import model_completion_item

        found = ls.analysis_for(params.text_document.uri) if ls.settings.completion else None
        if found is None:
            return None
        _, analysis, lines = found
        result = completion(analysis, lines, params.position, ls.completion_markdown())
        if ls.wants_model_items() and (result is None or not result.items):
            # only where the API has nothing to offer: an item list is shown at once, the model takes a while
            item = await model_completion_item(ls, params)
            if item is not None:
                result = lsp.CompletionList(is_incomplete=True, items=[*(result.items if result else []), item])
        return result

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix], resolve_provider=True))
    def on_code_action(ls: PsychopyLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        from .fix_handler import model_fix_actions

        found = ls.analysis_for(params.text_document.uri)
        if found is None:
            return None
        doc, analysis, lines = found
        actions = quick_fixes(check(analysis), lines, doc.uri, doc.version, params)
        if ls.settings.model_fixes and ls.settings.model_backend != "off":
            actions += model_fix_actions(params, doc.uri, doc.version)
        return actions

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    async def on_code_action_resolve(ls: PsychopyLanguageServer, action: lsp.CodeAction) -> lsp.CodeAction:
        from .fix_handler import resolve_model_fix

        return await resolve_model_fix(ls, action)

    @server.feature(lsp.TEXT_DOCUMENT_INLINE_COMPLETION, lsp.InlineCompletionOptions())
    async def on_inline_completion(ls: PsychopyLanguageServer, params: lsp.InlineCompletionParams
                                   ) -> lsp.InlineCompletionList | None:
        from .inline_handler import inline_completion

        return await inline_completion(ls, params)

    @server.command("psychopy.ask")
    async def ask_command(ls: PsychopyLanguageServer, *args) -> dict:
        """Answer a question from the knowledge base: {question} or "question" -> {answer, sources, docs}."""
        from .answer_handler import ask

        return await ask(ls, args)

    @server.command("psychopy.explain")
    async def explain_command(ls: PsychopyLanguageServer, *args) -> dict:
        """Explain selected code or a diagnostic: {uri, range} or {uri, diagnostic} -> {answer, sources, docs}."""
        from .answer_handler import explain

        return await explain(ls, args)

    @server.command("psychopy.rebuildKnowledgeBase")
    async def rebuild_kb_command(ls: PsychopyLanguageServer, *args) -> dict:
        """Rebuild the knowledge base from the installed psychopy (work-done progress); static features keep
        answering from the current index meanwhile."""
        await ls.load_kb(force=True)
        return {"state": ls.kb_status, "rows": ls.kb.rows() if ls.kb is not None else {}}

    @server.command("psychopy.runScript")
    async def run_script_command(ls: PsychopyLanguageServer, *args) -> dict:
        """Run the document in the sandbox; publish the traceback as diagnostics (source psychopy-run)."""
        from .runner import run_script, to_diagnostics

        uri = args[0] if args and isinstance(args[0], str) else (args[0][0] if args and args[0] else None)
        found = ls.analysis_for(uri) if uri else None
        if found is None:
            return {"status": "error", "message": f"unknown or closed document: {uri}"}
        doc, _, lines = found
        python = ls.install.python if ls.install else sys.executable
        token = str(uuid.uuid4())
        progress = ls._progress_supported()
        if progress:
            await ls.work_done_progress.create_async(token)
            ls.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(
                title="Running the experiment", message=f"headless: {ls.settings.run_headless}"))
        try:
            result = await asyncio.to_thread(run_script, Path(doc.path), python, ls.settings.run_timeout_s,
                                             ls.settings.run_headless, ("space",), 0.5, doc.source)
        finally:
            if progress:
                ls.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message="done"))
        ls.runtime[uri] = (doc.version, to_diagnostics(result, lines, doc.version))
        ls.schedule_diagnostics(uri, delay=0)
        return result.to_dict()

    return server
