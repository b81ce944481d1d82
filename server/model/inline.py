"""textDocument/inlineCompletion, the pure steps: should_complete -> build_prompt -> (model) -> postprocess ->
the filters (repeats_below, constrain, valid_prefix). Each is a function of strings, tested on tables
(tests/test_inline.py); the engine that runs the model (completer.py) and the handler are separate.

The prompt is fill-in-the-middle, prefix first: `<api signatures as comments> <|fim_prefix|> the lines above the
cursor <|fim_suffix|> the text after it <|fim_middle|> the cursor's line as typed`; the model (our adapter is
trained on exactly this, training/data.py) writes the rest of the line. Stable text comes first so llama.cpp's
prefix KV cache survives typing: the signatures, then the document from a window start that moves rarely and by
whole chunks (`window_start`), then the suffix, which does not change while the user types on a line; only the
typed part of the cursor's line comes after it.
"""

from __future__ import annotations

import difflib
import keyword
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..features.tokens import inside_string_or_comment

FIM_PREFIX, FIM_SUFFIX, FIM_MIDDLE = "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"
PREFIX_TOKENS = 512  # document before the cursor, in tokens (~370 tok/s on 2 cores: 1.4 s cold, reused after)
SUFFIX_TOKENS = 64  # document after the cursor: reprocessed on every keystroke, so kept short
SUFFIX_LINES = 4

# characters that may follow the cursor without blocking a completion (closing brackets, quotes, a colon)
_HARMLESS_SUFFIX = re.compile(r"^[\s)\]}'\":,]*$")
_IDENT = re.compile(r"[A-Za-z_]\w*")


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
    prefix_lines: int  # how many lines of the document before the cursor made it into the prompt
    context_lines: int  # how many API context lines
    suffix: str = ""  # the text after the cursor the model saw (part of the suggestion cache's key)
    window_start: int = 0  # the first document line in the prompt


def _header(api_context: Sequence[str], budget: float, count_tokens: Callable[[str], int]) -> list[str]:
    out, used = [], 0
    for line in api_context:
        comment = f"# {line}"
        cost = count_tokens(comment + "\n")
        if used + cost > budget:
            break
        out.append(comment)
        used += cost
    return out


def _window(before: str, api_context: Sequence[str], budget: int, context_share: float,
            count_tokens: Callable[[str], int]) -> tuple[list[str], list[str], int]:
    """(header comments, the document's lines up to the cursor, the window's first line) within `budget`."""
    header = _header(api_context, budget * context_share, count_tokens)
    used = sum(count_tokens(h + "\n") for h in header)
    lines = before.split("\n")
    return header, lines, window_start(lines, max(16, budget - used), count_tokens)


def window_start(lines: Sequence[str], budget: int, count_tokens: Callable[[str], int], chunks: int = 4) -> int:
    """The first line of the prefix window for a cursor on the last of `lines`: the whole document when it fits
    `budget`, else the earliest *anchor* from which the rest fits. Anchors sit where the running token count from
    the top crosses a multiple of budget/chunks, so while the user types the window start stays put, and it moves
    by a whole chunk once in budget/chunks tokens: the prompt's head (and llama.cpp's KV cache) survives typing in
    a long script instead of shifting with every new line."""
    costs = [count_tokens(line + "\n") for line in lines]
    total = sum(costs)
    if total <= budget:
        return 0
    chunk = max(1, budget // chunks)
    running, anchors, mark = 0, [], chunk
    for i, cost in enumerate(costs):
        if running >= mark:
            anchors.append(i)
            while mark <= running:
                mark += chunk
        running += cost
    for anchor in anchors:
        if sum(costs[anchor:]) <= budget:
            return anchor
    # a last chunk alone over budget (one huge line): the lines nearest the cursor that fit
    used, start = 0, len(lines) - 1
    for i in range(len(lines) - 1, -1, -1):
        used += costs[i]
        if used > budget and i < len(lines) - 1:
            break
        start = i
    return start


def suffix_window(after: str, budget: int, count_tokens: Callable[[str], int], max_lines: int = SUFFIX_LINES) -> str:
    """The text after the cursor the model sees: the rest of the cursor's line and whole lines below it, while
    they fit `budget` tokens (at most `max_lines`); blank lines at the end are dropped."""
    parts = after.split("\n")
    kept = [parts[0]]
    used = count_tokens(parts[0])
    for line in parts[1:max_lines + 1]:
        cost = count_tokens("\n" + line)
        if used + cost > budget:
            break
        kept.append(line)
        used += cost
    while len(kept) > 1 and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


def build_prompt(before: str, after: str, api_context: Sequence[str], count_tokens: Callable[[str], int],
                 prefix_budget: int = PREFIX_TOKENS, suffix_budget: int = SUFFIX_TOKENS,
                 context_share: float = 0.15) -> Prompt:
    """The fill-in-the-middle prompt for a cursor between `before` and `after` (the whole document around it).
    The API signatures take at most `context_share` of the prefix budget (whole lines, most relevant first).

    The cursor's line, as far as it is typed, opens the middle instead of ending the prefix: while the user types
    on one line, everything up to `<|fim_middle|>` stays byte-identical, so a keystroke costs llama.cpp only the
    few tokens of that line, not the suffix again."""
    header, lines, start = _window(before, api_context, prefix_budget, context_share, count_tokens)
    suffix = suffix_window(after, suffix_budget, count_tokens)
    head = "".join(h + "\n" for h in header)
    above = "".join(line + "\n" for line in lines[start:-1])
    text = f"{head}{FIM_PREFIX}{above}{FIM_SUFFIX}{suffix}{FIM_MIDDLE}{lines[-1]}"
    return Prompt(text=text, prefix_lines=len(lines) - start, context_lines=len(header), suffix=suffix,
                  window_start=start)


def prefix_prompt(before: str, api_context: Sequence[str], budget: int, count_tokens: Callable[[str], int],
                  context_share: float = 0.3) -> Prompt:
    """The prefix-only prompt (signatures, then the document up to the cursor): what the adapter shipped before
    fill-in-the-middle training was trained on, and what a plain language model continues. Its window start
    moves by whole chunks too (`window_start`), so typing in a long script keeps the KV cache."""
    header, lines, start = _window(before, api_context, budget, context_share, count_tokens)
    text = "".join(h + "\n" for h in header) + "\n".join(lines[start:])
    return Prompt(text=text, prefix_lines=len(lines) - start, context_lines=len(header), window_start=start)


def postprocess(raw: str, line_prefix: str, line_suffix: str = "", finished: bool = True) -> str:
    """The model's text as ghost text: the rest of the cursor's line, whole or nothing.

    - `finished` False (the generation was cut by its token limit before the line ended): nothing, never a
      fragment;
    - text the document already has right of the cursor (closing brackets an editor inserted) is not suggested
      twice;
    - trailing whitespace is dropped; an empty line shows nothing."""
    if "\n" in raw:
        raw, finished = raw.split("\n", 1)[0], True
    if not finished:
        return ""
    text = raw.rstrip()
    if not text.strip():
        return ""
    suffix = line_suffix.strip()
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)].rstrip()
    return text if text.strip() else ""


def repeats_below(line_prefix: str, text: str, after: str) -> bool:
    """Whether the suggested line is the next non-blank line already below the cursor (small models copy the
    suffix they were shown)."""
    line = (line_prefix + text).strip()
    for below in after.split("\n")[1:]:
        if below.strip():
            return below.strip() == line
    return False


@dataclass(frozen=True)
class Constraint:
    verdict: str  # "ok", "replace" (regenerate after `start`), "drop"
    start: str = ""  # for replace: the text to continue from (the typed word's completion with a known name)


def leading_word(line_prefix: str, text: str) -> tuple[str, str]:
    """(the identifier the cursor is in: what is typed of it plus its part in `text`; the typed part)."""
    typed = re.search(r"[A-Za-z_]\w*$", line_prefix)
    typed_part = typed.group(0) if typed else ""
    return typed_part + re.match(r"\w*", text).group(0), typed_part


def _closest(word: str, pool: Sequence[str], typed: str, cutoff: float, n: int = 3) -> str | None:
    """What is left to write of the known name closest to `word` (difflib ratio >= cutoff) that starts with what
    is already typed; None when none is close."""
    close = [c for c in difflib.get_close_matches(word, pool, n=n, cutoff=cutoff) if c.startswith(typed)]
    return close[0][len(typed):] if close else None


def _replace_or_drop(rest: str | None, tail: str = "") -> Constraint:
    return Constraint("replace", rest + tail) if rest is not None else Constraint("drop")


def constrain(line_prefix: str, text: str, candidates: Sequence[str], names: Sequence[str] = (),
              cutoff: float = 0.6) -> Constraint:
    """Hold the model's line to what the API says is possible here.

    `candidates` are the static completion's labels for the cursor (members after `stim.`, `name=` keywords in a
    call, closed-set values after `units='`); `names` the names the document defines (plus builtins). After a dot
    the line must start with a member; a keyword argument it writes must be one of the call's; a closed-set value
    must be one of the set. An invented one is replaced by the closest known one (difflib ratio >= cutoff), and
    the model continues from there; with no close one the suggestion is dropped. At other positions a name the
    document never defines is replaced by a close name it does define (`stim_txt` -> `stimText`), else kept."""
    word, typed_part = leading_word(line_prefix, text)
    if not word and not text.strip():
        return Constraint("drop")
    members = [c for c in candidates if not c.endswith("=")]
    keywords = [c[:-1] for c in candidates if c.endswith("=")]
    rest_after_word = text[len(word) - len(typed_part):]
    after_dot = bool(re.search(r"\.\s*\w*$", line_prefix))
    if members and (after_dot or re.search(r"['\"]\w*$", line_prefix)):
        # a member after a dot, or a closed-set value after a quote
        value_prefix = re.search(r"['\"]([^'\"]*)$", line_prefix)
        if value_prefix is not None:
            typed_value = value_prefix.group(1)
            value = typed_value + re.match(r"[^'\"]*", text).group(0)
            if value in members:
                return Constraint("ok")
            return _replace_or_drop(_closest(value, members, typed_value, cutoff, n=1))
        if word in members:
            return Constraint("ok")
        return _replace_or_drop(_closest(word, members, typed_part, cutoff))
    if keywords and re.match(r"\s*=(?!=)", rest_after_word) and word:
        if word in keywords:
            return Constraint("ok")
        return _replace_or_drop(_closest(word, keywords, typed_part, cutoff), "=")
    if names and word and not after_dot and _is_load(line_prefix, word, rest_after_word):
        known = set(names)
        if word in known or keyword.iskeyword(word) or keyword.issoftkeyword(word):
            return Constraint("ok")
        rest = _closest(word, sorted(known), typed_part, max(cutoff, 0.75))
        if rest is not None:
            return Constraint("replace", rest)
    return Constraint("ok")


def _is_load(line_prefix: str, word: str, rest: str) -> bool:
    """Whether `word` at the cursor reads a name (rather than binding a new one): followed by `.`, `(`, `[` or an
    operator, and not after `def`, `class`, `for`, `as`, `import`, `global`."""
    before = line_prefix[: len(line_prefix) - len(re.search(r"\w*$", line_prefix).group(0))].rstrip()
    if re.search(r"\b(def|class|for|as|import|from|global|nonlocal|lambda|del)$", before) or before.endswith(","):
        return False
    return bool(re.match(r"\s*[.(\[]", rest))


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
