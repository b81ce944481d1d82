"""What a check reports: a Finding with a stable code, and a Fix where the repair is certain (edits in ast
coordinates, each inside the finding's own span), plus the helpers the rule families share."""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field

from ...kb.records import Param, Record

ERROR, WARNING = "error", "warning"

CODES = {
    "PSY001": "syntax-error",
    "PSY101": "unknown-keyword",
    "PSY102": "missing-argument",
    "PSY103": "too-many-positional",
    "PSY104": "unknown-attribute",
    "PSY105": "unknown-module-member",
    "PSY106": "invalid-value",
    "PSY107": "moved-to-plugin",
    "PSY108": "wrong-import",
    "PSY109": "unknown-color-name",
    "PSY110": "color-out-of-range",
    "PSY201": "not-called",
    "PSY202": "class-not-instantiated",
    "PSY203": "string-for-number",
    "PSY204": "keylist-string",
    "PSY205": "unguarded-key-index",
}

# The codes whose findings can carry a deterministic Fix (where the repair is certain); the README's table says
# the same, checked by tests/test_readme.py, and no finding of another code ever carries one.
FIXABLE = frozenset({"PSY101", "PSY102", "PSY104", "PSY105", "PSY106", "PSY108", "PSY109", "PSY110", "PSY201",
                     "PSY202", "PSY203", "PSY204"})

# Spellings people carry over from British English or other toolkits.
SPELLING = {"colour": "color", "grey": "gray", "centre": "center", "normalised": "norm", "normalized": "norm",
            "pixels": "pix", "pixel": "pix", "px": "pix", "degrees": "deg", "degree": "deg"}
COLOR_PARAMS = ("color", "fillColor", "lineColor", "borderColor", "foreColor", "backColor")
RGB_RANGE_SPACES = ("rgb", "rgba", "srgb", "srgba", "rgb1", "rgba1")
KEYLIST_PARAMS = ("keyList", "ignoreKeys")

Span = tuple[int, int, int, int]  # line1, byte col, end line1, end byte col


@dataclass
class Fix:
    title: str
    edits: list[tuple[Span, str]]
    preferred: bool = True


@dataclass
class Finding:
    code: str
    message: str
    severity: str
    span: Span
    fix: Fix | None = None
    related: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return CODES[self.code]


def not_a_module(dotted: str, record: Record) -> str:
    parent, _, leaf = dotted.rpartition(".")
    return f"no module named '{dotted}': {leaf} is a {record.kind} in {parent} (from {parent} import {leaf})"


def span_of(node: ast.AST) -> Span:
    return node.lineno, node.col_offset, node.end_lineno, node.end_col_offset


def did_you_mean(name: str, choices: list[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    fixed = name
    for wrong, right in SPELLING.items():
        fixed = fixed.replace(wrong, right).replace(wrong.title(), right.title())
    if fixed in choices:
        return fixed
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.75)
    return close[0] if close else None


def quoted(node: ast.Constant, new: str, source_lines: list[str]) -> str:
    """`new` as a string literal in the quote style the user wrote `node` with."""
    line = source_lines[node.lineno - 1].encode("utf-8") if node.lineno - 1 < len(source_lines) else b""
    quote = line[node.col_offset:node.col_offset + 1].decode("utf-8", errors="ignore")
    if quote in ("'", '"') and quote not in new and "\\" not in new:
        return f"{quote}{new}{quote}"
    return repr(new)


def number_text(text: str) -> str | None:
    try:
        float(text.strip())
    except ValueError:
        return None
    return text.strip()


def is_numeric_param(param: Param) -> bool:
    if param.default is not None:
        try:
            value = ast.literal_eval(param.default)
        except (ValueError, SyntaxError):
            return False
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    doc = param.doc.lower().lstrip("(")
    return doc.startswith(("float", "int", "number", "seconds"))


def alias_name_span(alias: ast.alias) -> Span:
    return alias.lineno, alias.col_offset, alias.lineno, alias.col_offset + len(alias.name)


def plugin_message(record: Record) -> str:
    return (f"{record.name} has moved to the plugin {record.plugin}: install it (pip install {record.plugin}) "
            f"or PsychoPy raises PluginRequiredError")
