"""textDocument/publishDiagnostics, pushed by the server: debounced after edits, computed once per snapshot in a
worker thread, published only if that snapshot is still the document's current one."""

from __future__ import annotations

import asyncio
import logging
import traceback

from lsprotocol import types as lsp

from ..features.diagnostics import diagnostics

log = logging.getLogger("psychopy_lsp")


async def publish_later(ls, uri: str, delay: float) -> None:
    try:
        await asyncio.sleep(delay)
        snap = ls.snapshot(uri)
        if snap is None:
            return
        found = await asyncio.to_thread(diagnostics, snap, dict(ls.settings.checks))
        if not ls.docs.is_current(snap) or snap.index is not ls.index:
            return  # edited, closed or re-indexed meanwhile: a newer run is scheduled
        state = ls.docs.state(uri)
        if state is not None and state.runtime is not None and state.runtime[0] == snap.generation:
            found += state.runtime[1]
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=snap.version))
    except asyncio.CancelledError:
        pass
    except Exception:  # noqa: BLE001 - a checker bug must not take the server down
        log.error("diagnostics failed for %s:\n%s", uri, traceback.format_exc())
