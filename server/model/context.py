"""Context building for the model's prompts, separate from generation: the PsychoPy signatures a script's names
refer to, the ones a fix region uses, and the checker as a function of source text (what the completion filter
and the fix verifier judge candidates with)."""

from __future__ import annotations

from typing import Callable

from ..analysis import Analysis
from ..checks import check


def api_context(analysis, limit: int = 12) -> list[str]:
    """Signatures of the PsychoPy classes and functions the script's names refer to (stable across edits)."""
    lines, seen = [], set()
    for name in sorted(analysis.module_scope.bindings):
        value = analysis.resolve_name(name, None, analysis.module_scope)
        if value is None or value.kind not in ("class", "function", "instance"):
            continue
        record = analysis.index.lookup(value.symbol)
        if record is None or record.symbol in seen:
            continue
        seen.add(record.symbol)
        lines.append(f"{record.display_name}{record.signature}"[:200])
        if len(lines) >= limit:
            break
    return lines


def region_api_lines(analysis, start: int, end: int, limit: int = 4, width: int = 160) -> list[str]:
    """Signatures of the PsychoPy symbols used on 0-based lines [start, end) (what a fix prompt needs), most
    specific first; the script's own API context when the region names none (e.g. it does not parse)."""
    lines, seen = [], set()
    for _node, value in analysis.values_on_lines(start + 1, end, calls=True):
        record = analysis.index.lookup(value.symbol)
        if record is None or record.symbol in seen or record.kind == "module":
            continue
        seen.add(record.symbol)
        lines.append(f"{record.display_name}{record.signature}"[:width])
        if len(lines) >= limit:
            break
    return lines or [line[:width] for line in api_context(analysis, limit=3)]


def checker_findings(analysis) -> Callable[[str], list[tuple[int, str, str]]]:
    """(1-based line, code, severity) the static checker reports for a source, against the same API index."""
    def findings(source: str) -> list[tuple[int, str, str]]:
        # the API families alone: the filter looks for invented keywords, members and modules
        return [(f.span[0], f.code, f.severity) for f in check(Analysis(source, analysis.index), ("api",))]
    return findings


def check_codes_with(analysis) -> Callable[[str], list[tuple[int, str]]]:
    """(line, code) pairs the static checker reports for a source (what valid_prefix takes)."""
    findings = checker_findings(analysis)

    def codes(source: str) -> list[tuple[int, str]]:
        return [(line, code) for line, code, _ in findings(source)]
    codes.index = analysis.index  # what the verdicts depend on besides the source (the engine memoizes them)
    return codes


def document_names(analysis, line1: int) -> list[str]:
    """The names visible on 1-based `line1`: what the document binds in the enclosing scopes (assignments,
    imports, functions, loop variables) and Python's builtins; what a model's line should use rather than a name
    it invents."""
    import builtins

    names: set[str] = set(dir(builtins))
    scope = analysis.scope_for_line(line1)
    while scope is not None:
        names.update(scope.bindings)
        scope = scope.parent
    return sorted(names)


def static_candidates(snapshot, position) -> list[str]:
    """The static completion's labels at the cursor (members after a dot, `name=` keywords in a call, closed-set
    values): what a model's line there must start with."""
    from ..features.completion import completion

    found = completion(snapshot, position, markdown=False)
    return [item.label for item in found.items] if found is not None else []
