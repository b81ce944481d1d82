"""textDocument/hover."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..features.hover import hover


def on_hover(ls, params: lsp.HoverParams) -> lsp.Hover | None:
    snap = ls.snapshot(params.text_document.uri) if ls.settings.hover else None
    return hover(snap, params.position, ls.settings.checks) if snap is not None else None
