"""What a check reports: a Finding with a stable code, and a Fix where the repair is certain (edits in ast
coordinates, each inside the finding's own span), plus the helpers the rule families share."""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field

from ...kb.records import Param, Record

ERROR, WARNING, INFO, HINT = "error", "warning", "information", "hint"

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
    # timing (timing.py)
    "PSY301": "rt-clock-reset-before-flip",
    "PSY302": "stimulus-timed-with-wait",
    "PSY303": "frame-rate-unguarded",
    "PSY304": "frame-rate-hard-coded",
    "PSY305": "stimulus-built-every-frame",
    "PSY306": "image-loaded-every-frame",
    "PSY307": "text-set-every-frame",
    "PSY308": "clock-bounded-frame-loop",
    "PSY309": "trigger-before-flip",
    "PSY310": "drawn-once-flipped-often",
    "PSY311": "autodraw-left-on",
    "PSY312": "time-module-timing",
    # keys and responses (keys.py)
    "PSY321": "key-buffer-not-cleared",
    "PSY322": "keys-swallowed-by-earlier-read",
    "PSY323": "timestamped-keys-as-names",
    "PSY324": "keyboard-clock-never-reset",
    "PSY325": "keyboard-waits-for-release",
    "PSY326": "event-clear-with-keyboard",
    "PSY327": "unknown-key-name",
    "PSY328": "mouse-button-held",
    # data (data.py)
    "PSY331": "add-data-without-next-entry",
    "PSY332": "staircase-never-told",
    "PSY333": "data-written-at-end",
    "PSY334": "relative-file-path",
    # display (display.py)
    "PSY341": "stimulus-off-screen",
    "PSY342": "element-assigned-in-place",
    "PSY343": "window-never-closed",
    # pyflakes (generic.py) reports under flake8's codes; the one with a fix of ours is listed
    "F821": "undefined-name",
}

def family_of(code: str) -> str | None:
    """The family a code belongs to (settings.CHECK_FAMILIES, what `checks: {timing: false}` switches off;
    None: the syntax check, always on)."""
    if not code.startswith("PSY"):
        return "pyflakes"
    if code == "PSY001":
        return None
    if code == "PSY205":
        return "keys"
    if code[3] in "12":
        return "api"
    return {"0": "timing", "1": "timing", "2": "keys", "3": "data", "4": "display"}.get(code[4])


# The codes whose findings can carry a deterministic Fix (where the repair is certain); the README's table says
# the same, checked by tests/test_readme.py, and no finding of another code ever carries one.
FIXABLE = frozenset({"PSY101", "PSY102", "PSY104", "PSY105", "PSY106", "PSY108", "PSY109", "PSY110", "PSY201",
                     "PSY202", "PSY203", "PSY204", "PSY301", "PSY303", "PSY305", "PSY309", "PSY312", "PSY325",
                     "PSY326", "PSY327", "PSY331", "PSY342", "F821"})

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
    # where the edits may lie when that is not the finding's own span (a statement moved out of the loop it is
    # in, an import added at the top): the code action checks every edit against it
    extent: Span | None = None


@dataclass
class Finding:
    code: str
    message: str
    severity: str
    span: Span
    fix: Fix | None = None
    related: list[str] = field(default_factory=list)
    source: str = "psychopy-lsp"  # or "pyflakes"
    unnecessary: bool = False  # unused code: editors fade it (DiagnosticTag.Unnecessary)

    @property
    def name(self) -> str:
        return CODES.get(self.code, self.code)


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
