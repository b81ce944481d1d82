"""textDocument/inlineCompletion, the pure steps: should_complete -> build_prompt -> (model) -> postprocess ->
valid_prefix. Each is a function of strings, tested on tables (tests/test_inline.py); the handler that runs the
model off the event loop is separate.

The prompt keeps stable context first (PsychoPy signatures of the symbols in scope, as comments) and the volatile
tail last, so llama.cpp's prefix KV cache survives edits below the cursor's block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..features.tokens import inside_string_or_comment

# characters that may follow the cursor without blocking a completion (closing brackets, quotes, a colon)
_HARMLESS_SUFFIX = re.compile(r"^[\s)\]}'\":,]*$")


def should_complete(line_prefix: str, line_suffix: str) -> bool:
    """Whether a model completion makes sense at this cursor position."""
    if inside_string_or_comment(line_prefix):
        return False  # inside a string or a comment: prose, not code
    if not _HARMLESS_SUFFIX.match(line_suffix):
        return False  # real code right of the cursor: we would be inserting into the middle of it
    stripped = line_prefix.rstrip()
    if stripped.endswith(("\\",)):
        return False
    if re.search(r"\d\.$", stripped) and not line_prefix.endswith(" "):
        return False  # `0.` is a number being typed, not an attribute access
    return True


@dataclass(frozen=True)
class Prompt:
    text: str
    prefix_lines: int  # how many lines of the document made it into the prompt
    context_lines: int  # how many API context lines


def build_prompt(prefix: str, api_context: list[str], budget: int, count_tokens: Callable[[str], int],
                 context_share: float = 0.3) -> Prompt:
    """Assemble `# api context` + as much of the document prefix as fits in `budget` tokens.

    The context gets at most `context_share` of the budget (whole lines, in the order given: put the most
    relevant first); the document prefix gets the rest, cut at a line boundary from the top, so the lines next to
    the cursor are always kept."""
    header_lines: list[str] = []
    used = 0
    for line in api_context:
        comment = f"# {line}"
        cost = count_tokens(comment + "\n")
        if used + cost > budget * context_share:
            break
        header_lines.append(comment)
        used += cost
    lines = prefix.split("\n")
    kept: list[str] = [lines[-1]]  # the line being typed, always
    used += count_tokens(lines[-1])
    for line in reversed(lines[:-1]):
        cost = count_tokens(line + "\n")
        if used + cost > budget:
            break
        kept.insert(0, line)
        used += cost
    header = "\n".join(header_lines)
    text = (header + "\n" if header else "") + "\n".join(kept)
    return Prompt(text=text, prefix_lines=len(kept), context_lines=len(header_lines))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def postprocess(completion: str, line_prefix: str, line_suffix: str = "", multiline: bool = True) -> str:
    """Trim raw model text to what is worth showing as ghost text.

    - single-line mode keeps the rest of the current line only;
    - block mode stops at the first line that dedents out of the cursor's block (the model wandering off);
    - a line repeated verbatim ends the completion (small models loop);
    - text the document already has right of the cursor (a closing bracket) is not suggested twice;
    - trailing whitespace and blank tail lines are dropped."""
    if not completion.strip():
        return ""
    lines = completion.split("\n")
    if not multiline:
        lines = lines[:1]
    base = _indent(line_prefix) if line_prefix.strip() else len(line_prefix)
    # when the cursor's line opens a block (`for ...:`), what follows must be indented deeper than it
    limit = base + 1 if line_prefix.rstrip().endswith(":") else base
    out = [lines[0]]
    seen = {lines[0].strip()} if lines[0].strip() else set()
    for line in lines[1:]:
        if line.strip():
            if _indent(line) < limit:
                break
            if line.strip() in seen:
                break
            seen.add(line.strip())
        out.append(line)
    text = "\n".join(out).rstrip()
    suffix = line_suffix.strip()
    if suffix and "\n" not in text and text.endswith(suffix):
        text = text[: -len(suffix)].rstrip()
    return text


def valid_prefix(source_before: str, completion: str, source_after: str, check_codes: Callable[[str], list[tuple[int, str]]],
                 codes: tuple[str, ...] = ("PSY101", "PSY104", "PSY105", "PSY108"),
                 baseline: list[tuple[int, str]] | None = None) -> str:
    """The longest whole-line prefix of `completion` that adds no API error the checker knows (a hallucinated
    keyword, method or module member never reaches the user). `check_codes(source)` returns (line, code) pairs;
    `baseline` is what it returns for the document without the completion, when the caller already knows.

    One check of the document with the whole completion usually settles it; when a line is flagged, the lines
    before the first flagged one are checked once more (what they bind may have been what made it valid)."""
    start_line = source_before.count("\n") + 1
    if baseline is None:
        baseline = check_codes(source_before + source_after)
    known = {(line, code) for line, code in baseline if code in codes}
    lines = completion.split("\n")
    keep = len(lines)
    while keep > 0:
        candidate = "\n".join(lines[:keep])
        added = sorted(line for line, code in check_codes(source_before + candidate + source_after)
                       if code in codes and start_line <= line < start_line + keep and (line, code) not in known)
        if not added:
            return candidate
        keep = added[0] - start_line  # strictly fewer lines each round
    return ""
