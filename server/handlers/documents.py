"""textDocument/didOpen, didChange, didSave, didClose. pygls keeps the text; the store gives each new text a
generation (so a reopened document never matches its old results) and drops everything on close."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from .inline_completion import warm_start


def on_open(ls, params: lsp.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.docs.changed(uri)
    ls.schedule_diagnostics(uri, delay=0)
    snap = ls.snapshot(uri)
    if snap is not None:
        asyncio.ensure_future(warm_start(ls, snap))  # the model's prompt head, in the background


def on_change(ls, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.docs.changed(params.text_document.uri)  # cancels model work for the old text
    ls.schedule_diagnostics(params.text_document.uri)


def on_save(ls, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.schedule_diagnostics(params.text_document.uri, delay=0)


def on_close(ls, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.docs.closed(uri)
    if ls.engine is not None:
        ls.engine.cache.drop(uri)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
