"""textDocument/completion (static): PsychoPy members after a dot, keyword arguments inside calls, and values of
closed sets (units, colorSpace, color names). These are the items an editor shows while a model is thinking, so
they come from memory only (no search, no model) and work on half-typed lines.
"""

from __future__ import annotations

import ast
import re

from lsprotocol import types as lsp

from ..analysis import Analysis, Value
from ..documents import Snapshot
from .docmarkdown import to_markdown
from .tokens import inside_string_or_comment, open_call, positional_count

KIND = {
    "class": lsp.CompletionItemKind.Class, "function": lsp.CompletionItemKind.Function,
    "module": lsp.CompletionItemKind.Module, "method": lsp.CompletionItemKind.Method,
    "generated_setter": lsp.CompletionItemKind.Method, "generated_getter": lsp.CompletionItemKind.Method,
    "attribute": lsp.CompletionItemKind.Property, "property": lsp.CompletionItemKind.Property,
    "instance_attribute": lsp.CompletionItemKind.Field, "constant": lsp.CompletionItemKind.Constant,
}
_DOTTED_BEFORE_DOT = re.compile(r"([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*\.\s*(\w*)$")
_KW_VALUE = re.compile(r"(\w+)\s*=\s*(['\"])([^'\"]*)$")
_KW_NAME = re.compile(r"(?:^|[(,\s])(\w*)$")


def infer_text(analysis: Analysis, text: str, line1: int) -> Value | None:
    """Infer a dotted expression typed at `line1`, even if the buffer around it does not parse."""
    try:
        expr = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return None
    for node in ast.walk(expr):
        node.lineno = node.end_lineno = line1  # resolve names as seen from the line being typed
        node.col_offset = node.end_col_offset = 0
    return analysis.infer(expr, analysis.scope_for_line(line1))


def _doc(text: str, markdown: bool):
    if not text:
        return None
    return lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=to_markdown(text)) if markdown else text


def _member_items(analysis: Analysis, value: Value, markdown: bool) -> list[lsp.CompletionItem]:
    record = analysis.index.lookup(value.symbol)
    if record is None:
        return []
    items = []
    for member in record.members:
        if value.kind == "module" and member.kind == "module" and not member.owner.startswith("psychopy"):
            continue
        detail = member.signature if member.kind in ("method", "generated_setter", "generated_getter") else ""
        items.append(lsp.CompletionItem(
            label=member.name, kind=KIND.get(member.kind, lsp.CompletionItemKind.Text),
            detail=f"{member.name}{detail}" if detail else member.kind.replace("_", " "),
            documentation=_doc(member.summary, markdown),
            sort_text=("1" if member.kind.startswith("generated") else "0") + member.name,
        ))
    return items


def _keyword_items(record, typed: str, already: set[str], markdown: bool) -> list[lsp.CompletionItem]:
    items = []
    for i, param in enumerate(record.params):
        if param.kind in ("var_positional", "var_keyword", "positional_only") or param.name in already:
            continue
        if typed and not param.name.lower().startswith(typed.lower()):
            continue
        default = "" if param.default is None else f" = {param.default}"
        items.append(lsp.CompletionItem(
            label=f"{param.name}=", kind=lsp.CompletionItemKind.Variable, insert_text=f"{param.name}=",
            detail=f"{record.name}({param.name}{default})",
            documentation=_doc(param.doc, markdown),
            sort_text=f"{i:03d}",
        ))
    return items


def _value_items(analysis: Analysis, param: str) -> list[str]:
    vocab = getattr(analysis.index, "vocab", {}) or {}
    if param == "units":
        return [u for u in vocab.get("units", []) if u]
    if param.endswith(("colorSpace", "ColorSpace")):
        return list(vocab.get("colorSpaces", []))
    if param in ("color", "fillColor", "lineColor", "borderColor", "foreColor"):
        return list(vocab.get("colorNames", []))
    return []


def completion(snapshot: Snapshot, position: lsp.Position, markdown: bool = True) -> lsp.CompletionList | None:
    """`markdown`: whether the client renders Markdown in completion documentation (else plain text)."""
    analysis, lines = snapshot.analysis, snapshot.lines
    line_text = lines.line(position.line)
    prefix = line_text[: lines.char_col(position.line, position.character)]
    line1 = position.line + 1
    # 1. after a dot: members
    m = _DOTTED_BEFORE_DOT.search(prefix)
    if m and not inside_string_or_comment(prefix):
        value = infer_text(analysis, m.group(1).replace(" ", ""), line1)
        if value is not None and value.kind in ("module", "class", "instance"):
            return lsp.CompletionList(is_incomplete=False, items=_member_items(analysis, value, markdown))
        return None
    # 2. inside a call: keyword values, then keyword names (calls may span lines: look back a few lines)
    context = "\n".join(lines.lines[max(0, position.line - 10):position.line] + [prefix])
    found = open_call(context)
    if found is None:
        return None
    callee_text, inside = found
    callee = infer_text(analysis, callee_text, line1)
    record = analysis.index.lookup(callee.symbol) if callee and callee.kind in ("class", "function", "method") \
        else None
    if record is None:
        return None
    kv = _KW_VALUE.search(inside)
    if kv:
        values = _value_items(analysis, kv.group(1))
        return lsp.CompletionList(is_incomplete=False, items=[
            lsp.CompletionItem(label=v, kind=lsp.CompletionItemKind.EnumMember, detail=f"{kv.group(1)} value")
            for v in values if v.startswith(kv.group(3))])
    if inside_string_or_comment(inside):
        return None
    kn = _KW_NAME.search(inside)
    if kn is None:
        return None
    already = set(re.findall(r"(\w+)\s*=", inside))
    positional = [p.name for p in record.params if p.kind in ("positional_only", "positional_or_keyword")]
    already |= set(positional[:positional_count(inside)])
    return lsp.CompletionList(is_incomplete=False, items=_keyword_items(record, kn.group(1), already, markdown))
