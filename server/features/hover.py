"""textDocument/hover: PsychoPy docs for the symbol under the cursor, from the knowledge base.

Classes, functions, methods (generated setX/getX too), module names in imports, attributes such as `stim.pos`,
and keyword arguments inside calls (`TextStim(win, colour=...)` shows the parameter's own doc, inherited ones
included).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from lsprotocol import types as lsp

from ...kb.records import Param, Record
from ..analysis import Analysis
from ..documents import Snapshot
from .diagnostics import enabled
from .docmarkdown import clip, online_url, to_markdown
from .explain import explanation


@dataclass
class Target:
    record: Record
    param: Param | None
    span: tuple[int, int, int, int]  # ast coordinates: line1, byte col start, line1, byte col end


def find_target(analysis: Analysis, line1: int, byte_col: int) -> Target | None:
    nodes = analysis.node_at(line1, byte_col)
    index = analysis.index
    for node in reversed(nodes):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg and kw.lineno == line1 and kw.col_offset <= byte_col <= kw.col_offset + len(kw.arg):
                    callee = analysis.infer(node.func)
                    record = index.lookup(callee.symbol) if callee else None
                    if record is None:
                        return None
                    param = record.param(kw.arg)
                    return Target(record, param, (line1, kw.col_offset, line1, kw.col_offset + len(kw.arg)))
        if isinstance(node, ast.Attribute):
            attr_start = node.end_col_offset - len(node.attr)
            if node.end_lineno == line1 and attr_start <= byte_col <= node.end_col_offset:
                value = analysis.attribute_of(analysis.infer(node.value), node.attr)
                record = index.lookup(value.symbol) if value else None
                if record is not None:
                    return Target(record, None, (line1, attr_start, line1, node.end_col_offset))
                return None
        if isinstance(node, ast.Name):
            value = analysis.infer(node)
            record = index.lookup(value.symbol) if value and value.kind != "external" else None
            if record is not None:
                return Target(record, None, (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset))
            return None
        if isinstance(node, ast.alias):
            parent = next((n for n in reversed(nodes) if isinstance(n, (ast.Import, ast.ImportFrom))), None)
            if isinstance(parent, ast.ImportFrom) and parent.module:
                symbol = f"{parent.module}.{node.name}"
            else:
                symbol = node.name
            record = index.lookup(symbol)
            if record is not None:
                return Target(record, None, (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset))
            return None
        if isinstance(node, ast.ImportFrom) and node.module and node.lineno == line1:
            record = index.lookup(node.module)
            if record is not None:
                return Target(record, None, (node.lineno, node.col_offset, node.lineno, node.col_offset))
    return None


def render(record: Record, param: Param | None = None) -> str:
    """Markdown for one record: the real signature, summary, the parameter's own doc, module, plugin note."""
    if record.kind in ("class", "function", "method"):
        head = f"({record.kind}) {record.display_name}{record.signature}"
    elif record.kind == "module":
        head = f"(module) {record.symbol}"
    else:
        head = f"({record.kind}) {record.display_name}"
    parts = [f"```python\n{head}\n```"]
    if record.plugin:
        parts.append(f"**Moved to a plugin:** install `{record.plugin}` (`pip install {record.plugin}`) to use "
                     f"`{record.name}`.")
    if param is not None:
        default = "" if param.default is None else f" = `{param.default}`"
        required = " *(required)*" if param.required else ""
        inherited = ""
        if param.doc_from and not param.doc_from.startswith(record.symbol):
            inherited = f"\n\n*documented on* `{param.doc_from.replace('psychopy.', '', 1)}`"
        parts.append(f"**Parameter** `{param.name}`{default}{required}: "
                     f"{to_markdown(param.doc) if param.doc else '*(undocumented)*'}"
                     f"{inherited}")
    if record.summary:
        parts.append(to_markdown(record.summary))
    if param is None and record.doc and record.doc.strip() != record.summary:
        body = record.doc.strip()
        if body.startswith(record.summary[:40]):
            body = body[len(record.summary):].strip() if len(body) > len(record.summary) else ""
        if body:
            parts.append(clip(to_markdown(body), 2000))
    where = f"*module* `{record.module}`" if record.module and record.kind != "module" else ""
    if record.path:
        where += f"{' · ' if where else ''}`{record.path}:{record.line}` · psychopy {record.psychopy_version}"
    url = online_url(record.symbol, record.display_name)
    if url:
        where += f"{' · ' if where else ''}[psychopy.org docs]({url})"
    if where:
        parts.append(where)
    return "\n\n".join(parts)


def findings_at(snapshot: Snapshot, line1: int, byte_col: int, checks: dict | None = None) -> list[str]:
    """The explanations of the timing and logic findings whose span holds the position (one per code).

    Only from findings already computed (by the diagnostics that put them on screen): hover answers on the
    event loop and must not run, or wait for, the whole checker."""
    out: list[str] = []
    for finding in snapshot.computed("findings") or ():
        l1, c1, l2, c2 = finding.span
        if (l1, c1) <= (line1, byte_col) <= (l2, c2) and enabled(finding, checks):
            text = explanation(finding.code)
            if text and text not in out:
                out.append(text)
    return out


def hover(snapshot: Snapshot, position: lsp.Position, checks: dict | None = None) -> lsp.Hover | None:
    lines = snapshot.lines
    line1 = position.line + 1
    byte_col = lines.byte_col(position.line, position.character)
    target = find_target(snapshot.analysis, line1, byte_col)
    explained = findings_at(snapshot, line1, byte_col, checks)
    if target is None and not explained:
        return None
    parts = explained + ([render(target.record, target.param)] if target is not None else [])
    value = "\n\n---\n\n".join(parts)
    if target is None:
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value))
    l1, c1, l2, c2 = target.span
    start = lsp.Position(*lines.lsp(l1, c1))
    end = lsp.Position(*lines.lsp(l2, c2))
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value),
                     range=lsp.Range(start=start, end=end))
