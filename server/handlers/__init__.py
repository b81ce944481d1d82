"""One module per LSP request: thin handlers that take the document's snapshot at their start, call a pure
feature, and check after any await that the snapshot is still current before answering."""

from __future__ import annotations

from lsprotocol import types as lsp


def register(server) -> None:
    from . import code_action, code_action_resolve, commands, completion, documents, hover, inline_completion
    from . import lifecycle

    server.feature(lsp.INITIALIZE)(lifecycle.on_initialize)
    server.feature(lsp.INITIALIZED)(lifecycle.on_initialized)
    server.feature(lsp.EXIT)(lifecycle.on_exit)
    server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)(lifecycle.on_configuration)
    server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(documents.on_open)
    server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(documents.on_change)
    server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)(documents.on_save)
    server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(documents.on_close)
    server.feature(lsp.TEXT_DOCUMENT_HOVER)(hover.on_hover)
    server.feature(lsp.TEXT_DOCUMENT_COMPLETION, completion.OPTIONS)(completion.on_completion)
    server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, code_action.OPTIONS)(code_action.on_code_action)
    server.feature(lsp.CODE_ACTION_RESOLVE)(code_action_resolve.on_resolve)
    server.feature(lsp.TEXT_DOCUMENT_INLINE_COMPLETION, lsp.InlineCompletionOptions())(
        inline_completion.on_inline_completion)
    for name, handler in commands.COMMANDS.items():
        server.command(name)(handler)
