"""The Python tokenizer over half-typed text (the line being typed, a call still open): what completion and the
inline gatekeeper need to know about strings, comments and brackets, without a scanner of our own.

`tokenize` stops at the first thing it cannot read; what it produced until then is all we need. How an
unterminated string shows differs by Python version (an ERRORTOKEN quote in 3.11, a TokenError in 3.12), so both
are read as "the text ends inside a string".
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass

_OPENERS, _CLOSERS = "([{", ")]}"


@dataclass(frozen=True)
class Scan:
    tokens: list[tokenize.TokenInfo]
    in_string: bool  # the text ends inside an unterminated string
    line_starts: list[int]

    def offset(self, row: int, col: int) -> int:
        """A tokenizer position (1-based row, column) -> index into the text."""
        return self.line_starts[row - 1] + col

    @property
    def in_comment(self) -> bool:
        last_row = len(self.line_starts)
        return any(t.type == tokenize.COMMENT and t.start[0] == last_row for t in self.tokens)


def scan(text: str) -> Scan:
    starts, offset = [], 0
    for line in text.split("\n"):
        starts.append(offset)
        offset += len(line) + 1
    out: list[tokenize.TokenInfo] = []
    in_string = False
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.ERRORTOKEN and tok.string.lstrip()[:1] in ("'", '"'):
                in_string = True
                break
            out.append(tok)
    except tokenize.TokenError as exc:  # EOF inside brackets (fine: an open call) or inside a string
        in_string = "string" in str(exc.args[0] if exc.args else "")
    except SyntaxError as exc:  # 3.12 raises this for an unterminated string, and for stray dedents
        in_string = "string" in str(exc)
    return Scan(out, in_string, starts)


def inside_string_or_comment(text: str) -> bool:
    """Whether the end of `text` is inside a string or a comment (prose, not code)."""
    found = scan(text)
    return found.in_string or found.in_comment


def open_call(text: str) -> tuple[str, str] | None:
    """(callee, text typed since its '(') for the innermost unclosed call at the end of `text`; None when the
    innermost open bracket is not a call of a (dotted) name."""
    found = scan(text)
    stack: list[int] = []  # indexes into tokens of the open brackets
    tokens = found.tokens
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.OP and tok.string in _OPENERS:
            stack.append(i)
        elif tok.type == tokenize.OP and tok.string in _CLOSERS and stack:
            stack.pop()
    if not stack or tokens[stack[-1]].string != "(":
        return None
    paren = stack[-1]
    parts: list[str] = []
    j = paren - 1
    while j >= 0 and tokens[j].type == tokenize.NAME:
        parts.insert(0, tokens[j].string)
        if j >= 1 and tokens[j - 1].type == tokenize.OP and tokens[j - 1].string == ".":
            j -= 2
            continue
        break
    if not parts:
        return None
    return ".".join(parts), text[found.offset(*tokens[paren].end):]


def positional_count(inside: str) -> int:
    """How many complete positional arguments precede the cursor in `inside` (text after the call's '('): the
    top-level commas that end a segment without a top-level `=`."""
    count, depth, keyword = 0, 0, False
    for tok in scan(inside).tokens:
        if tok.type != tokenize.OP:
            continue
        if tok.string in _OPENERS:
            depth += 1
        elif tok.string in _CLOSERS:
            depth -= 1
        elif depth == 0 and tok.string == "=":
            keyword = True
        elif depth == 0 and tok.string == ",":
            count += 0 if keyword else 1
            keyword = False
    return count
