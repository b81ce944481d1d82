"""codeAction/resolve for "Fix with the PsychoPy model": the model rewrites a bounded region around a diagnostic,
and the edit is offered only after verification.

Listing code actions never runs the model (the action carries only `data`); resolving it does. Verification:
the new document parses, the static checker no longer reports the diagnostic's code in the region and adds no
new error there, the region really changed, and the edit replaces whole lines inside the region only.
"""

from __future__ import annotations

import ast
import difflib
import re
import threading
from dataclasses import dataclass
from typing import Callable

from .backends import ModelBackend
from .prompts import FIX_END, fix_prompt

# the largest region the model may rewrite, in lines
MAX_REGION = 12
# a fix is a small edit: an answer less similar than this to the broken code rewrote it rather than fixed it
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Region:
    start: int  # 0-based first line
    end: int  # 0-based, exclusive

    def text(self, lines: list[str]) -> str:
        return "\n".join(lines[self.start:self.end])


def region_for(source: str, line: int) -> Region:
    """The statement holding 0-based `line` (a compound statement's header only, not its whole body); a small
    window around it when the source does not parse."""
    lines = source.split("\n")
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is not None:
        best = None
        for node in ast.walk(tree):
            if not isinstance(node, ast.stmt):
                continue
            first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                last = body[0].lineno - 2  # a header: `for ...:` up to its body
            if first <= line <= last and (best is None or last - first < best.end - 1 - best.start):
                best = Region(first, last + 1)
        if best is not None and best.end - best.start <= MAX_REGION:
            return best
    start = max(0, line - 1)
    return Region(start, min(len(lines), line + 2))


def parse_answer(raw: str, region: str) -> str:
    """The fixed region from the model's text: up to FIX_END (or a blank-line run), fences and trailing
    comments that restart the prompt removed, indentation as the original's first line."""
    text = raw.split(FIX_END, 1)[0]
    text = text.split("\n# Error:", 1)[0].split("\n# Broken code:", 1)[0]
    text = text.replace("```python", "").replace("```", "")
    while "\n\n\n" in text:
        text = text.split("\n\n\n", 1)[0]
    out = text.rstrip().strip("\n")
    if not out.strip():
        return ""
    want = len(region) - len(region.lstrip(" \t"))
    have = len(out) - len(out.lstrip(" \t"))
    if want != have:  # the model lost the block's indentation: shift every line by the same amount
        shift = want - have
        fixed = []
        for line in out.split("\n"):
            fixed.append((" " * shift + line) if shift > 0 else line[min(-shift, len(line) - len(line.lstrip())):])
        out = "\n".join(fixed)
    return out


@dataclass
class FixOutcome:
    ok: bool
    reason: str  # why it was refused, or what was checked
    region: Region
    new_text: str = ""  # the replacement for the region's lines (no trailing newline)


def verify(source: str, region: Region, new_text: str, code: str | int | None,
           check_codes: Callable[[str], list[tuple[int, str, str]]]) -> FixOutcome:
    """`check_codes(source)` -> (1-based line, code, severity) findings of the static checker."""
    lines = source.split("\n")
    if not new_text.strip():
        return FixOutcome(False, "the model returned no code", region)
    if new_text == region.text(lines):
        return FixOutcome(False, "the model returned the code unchanged", region, new_text)
    old_text = region.text(lines)
    similarity = difflib.SequenceMatcher(None, old_text.strip(), new_text.strip()).ratio()
    if similarity < MIN_SIMILARITY:
        return FixOutcome(False, f"the model rewrote the code instead of fixing it (similarity {similarity:.2f})",
                          region, new_text)
    lost = _assigned(old_text) - _assigned(new_text)
    if lost:
        return FixOutcome(False, f"the model's code no longer sets {', '.join(sorted(lost))}", region, new_text)
    new_lines = lines[:region.start] + new_text.split("\n") + lines[region.end:]
    new_source = "\n".join(new_lines)
    try:
        ast.parse(new_source)
    except SyntaxError as exc:
        return FixOutcome(False, f"the model's code does not parse ({exc.msg}, line {exc.lineno})", region, new_text)
    new_end = region.start + len(new_text.split("\n"))
    # 1-based line numbers of the region before and after the edit
    old_span = range(region.start + 1, region.end + 1)
    new_span = range(region.start + 1, new_end + 1)
    before = [(c, s) for line, c, s in check_codes(source) if line in old_span]
    after = [(c, s) for line, c, s in check_codes(new_source) if line in new_span]
    if code and str(code) != "PSY001" and any(c == str(code) for c, _ in after):
        return FixOutcome(False, f"the checker still reports {code} there", region, new_text)
    new_errors = [c for c, s in after if s == "error" and (c, s) not in before]
    if new_errors:
        return FixOutcome(False, f"the model's code adds {', '.join(sorted(set(new_errors)))}", region, new_text)
    return FixOutcome(True, "parses; the checker no longer reports it; only the region changed", region, new_text)


def _assigned(code: str) -> set[str]:
    """Names a region assigns (`stim = ...`, `for trial in ...`) on lines that start a statement (outside
    brackets), read line by line: the region may not parse."""
    names: set[str] = set()
    depth = 0
    for line in code.split("\n"):
        if depth <= 0:
            match = re.match(r"\s*([A-Za-z_]\w*)\s*=[^=]", line) or re.match(r"\s*for\s+([A-Za-z_]\w*)\s+in\b", line)
            if match:
                names.add(match.group(1))
        stripped = re.sub(r"(['\"]).*?\1", "", line.split("#", 1)[0])  # brackets inside strings do not count
        depth += sum(stripped.count(c) for c in "([{") - sum(stripped.count(c) for c in ")]}")
    return names


def model_fix(source: str, line: int, message: str, code: str | int | None, api_lines: list[str],
              backend: ModelBackend, check_codes: Callable[[str], list[tuple[int, str, str]]],
              max_tokens: int = 160, cancel: threading.Event | None = None,
              region: Region | None = None) -> FixOutcome:
    """Ask the model to rewrite the region around 0-based `line` (`region_for` it unless the caller, who needed
    it for the prompt's API lines, passes it), then verify its answer."""
    region = region or region_for(source, line)
    lines = source.split("\n")
    region_text = region.text(lines)
    context = "\n".join(lines[max(0, region.start - 6):region.start])
    prompt = fix_prompt(region_text, message, api_lines, context)
    raw = "".join(backend.generate(prompt, max_tokens, (FIX_END, "\n# Error:"), cancel))
    return verify(source, region, parse_answer(raw, region_text), code, check_codes)
