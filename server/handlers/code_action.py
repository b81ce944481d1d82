"""textDocument/codeAction: deterministic quick fixes first (computed once per snapshot, verified), then
"Fix with the PsychoPy model" for each diagnostic (the model runs only on resolve)."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..features.code_actions import model_fix_actions, quick_fixes, run_fixes
from ..features.generate_action import generate_actions

OPTIONS = lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite],
                                resolve_provider=True)


def on_code_action(ls, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    snap = ls.snapshot(params.text_document.uri)
    if snap is None:
        return None
    actions = quick_fixes(snap, params, ls.settings.checks)
    state = ls.docs.state(snap.uri)
    if state is not None and state.runtime is not None and state.runtime[0] == snap.generation:
        actions += run_fixes(snap, params, state.runtime[1])
    if ls.settings.model_fixes and ls.settings.model_backend != "off":
        actions += model_fix_actions(snap, params)
    colour_names = (getattr(snap.index, "vocab", None) or {}).get("colorNames", ())
    actions += generate_actions(snap, params, colour_names)
    return actions
