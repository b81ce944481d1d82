"""Deterministic fixes as text edits, and their verification before anything is offered.

A fix's edits are in ast coordinates; here they become string offsets in the snapshot's text (its own line
endings kept: a line break in an edit is written as the document writes them). A fix is offered only when the
edited document still parses (or fails exactly as before), the checker no longer reports the finding, and it
reports no error or warning it did not report before.
"""

from __future__ import annotations

from collections import Counter

from ..analysis import Analysis
from ..analysis.positions import byte_to_char, line_starts
from ..analysis.resolver import parse_tolerant
from ..checks import ERROR, WARNING, Finding, Fix, check
from ..documents import Snapshot


def apply_fix(text: str, fix: Fix, newline: str = "\n") -> str:
    """`text` with the fix's edits applied (ast spans: 1-based line, UTF-8 byte column)."""
    starts = line_starts(text)
    lines = text.split("\n")

    def offset(line1: int, byte_col: int) -> int:
        i = min(max(line1 - 1, 0), len(lines) - 1)
        return starts[i] + byte_to_char(lines[i], byte_col)

    out = text
    for (l1, c1, l2, c2), new in sorted(fix.edits, key=lambda e: e[0], reverse=True):
        start, end = offset(l1, c1), offset(l2, c2)
        out = out[:start] + new.replace("\n", newline) + out[end:]
    return out


def _written_lines(fix: Fix) -> list[tuple[int, int]]:
    """The line ranges the fix's edits occupy in the edited text (1-based, inclusive)."""
    out, delta = [], 0
    for (l1, _c1, l2, _c2), new in sorted(fix.edits, key=lambda e: e[0]):
        start = l1 + delta
        out.append((start, start + new.count("\n")))
        delta += new.count("\n") - (l2 - l1)
    return out


def _syntax_error(text: str) -> str | None:
    tree = parse_tolerant(text)
    return tree.msg if isinstance(tree, SyntaxError) else None


def verify_fix(snapshot: Snapshot, finding: Finding) -> bool:
    """Whether applying `finding.fix` removes the finding and adds nothing (parse error or finding)."""
    if finding.fix is None:
        return False
    new_text = apply_fix(snapshot.text, finding.fix, snapshot.newline)
    if new_text == snapshot.text or _syntax_error(new_text) != _syntax_error(snapshot.text):
        return False
    found = check(Analysis(new_text, snapshot.index))
    fixed = (finding.code, finding.message)
    if sum(1 for f in found if (f.code, f.message) == fixed) >= sum(
            1 for f in snapshot.findings() if (f.code, f.message) == fixed):
        return False
    # nothing new that matters where the fix wrote: an error or warning on the lines it edited (a hint such as
    # an unused import renamed by an import fix does not stop it, nor does a finding elsewhere that the repair
    # uncovers: `win.flip` made a call shows that the clock was reset before it)
    written = _written_lines(finding.fix)
    before = Counter((f.code, f.message) for f in snapshot.findings() if f.severity in (ERROR, WARNING))
    after = Counter((f.code, f.message) for f in found if f.severity in (ERROR, WARNING)
                    and any(a <= f.span[0] <= b for a, b in written))
    return not (after - before)


def verified(snapshot: Snapshot, i: int) -> bool:
    """verify_fix for the snapshot's i-th finding, computed once per snapshot."""
    return snapshot.derived(f"fix-verified:{i}", lambda: verify_fix(snapshot, snapshot.findings()[i]))
