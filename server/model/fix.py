"""codeAction/resolve for "Fix with the PsychoPy model": the model rewrites a bounded region around a diagnostic,
and the edit is offered only after verification.

Listing code actions never runs the model (the action carries only `data`); resolving it does. Verification:
the new document parses, the static checker no longer reports the diagnostic's code in the region and adds no
new error there, the region really changed, and the edit replaces whole lines inside the region only.

A runtime error (from a run) is fixed only when re-running proves it; there the greedy answer is followed by
`alternatives`: the model's own (with llama.cpp, branches at the answer's most doubtful tokens, model/branching.py)
and generic one-line edits (model/edits.py) of the failing statement and of the one-line assignments that made the
values it reads, ranked by how much more likely the model finds each than the unchanged code. A 270M model often
knows a fix it does not write first, and the re-run, not the model, decides which one is shown. Up to `samples`
alternatives are re-run; `screen` refuses some before that: one that still evaluates the expression the traceback
points at (it raises again), or stops using a variable, method or call the broken code used
(`results.append(key, rt)` -> `results.append(key)` runs, and loses the RT), among others.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import keyword
import re
import textwrap
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ..sandbox.runtime_rules import IN_PLACE
from .backends import ModelBackend
from .edits import assigned_before, definition_sites, line_edits, parse_statement
from .prompts import FIX_END, fix_prompt

# the largest region the model may rewrite, in lines
MAX_REGION = 12
# alternatives generated per one re-run allowed (first_proved): generating is cheap, a re-run is not
ALTERNATIVES_PER_RUN = 3
# each generic edit is verified by the whole document's checker: on a long document (a Builder export of a
# thousand lines) fewer edits are verified, so that the lines checked stay near this bound
CHECKED_LINES = 60_000
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
        tree = ast.parse(source.removeprefix("\ufeff"))  # a byte-order mark: see analysis.parse_tolerant
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
    new_source = replace_region(lines, region, new_text)
    try:
        ast.parse(new_source.removeprefix("\ufeff"))
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


def _used_names(code: str) -> tuple[set[str], set[str], set[str]]:
    """What a region uses, read line by line outside strings and comments (it may not parse): variables and
    modules (identifiers not after a dot that are neither keywords, builtins, keyword arguments nor assignment
    targets), attributes (after a dot) and builtins it calls."""
    variables: set[str] = set()
    attributes: set[str] = set()
    called: set[str] = set()
    for line in code.split("\n"):
        line = re.sub(r"(['\"]).*?\1", "''", line.split("#", 1)[0])
        attributes.update(re.findall(r"\.\s*([A-Za-z_]\w*)", line))
        for match in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)(\s*=(?!=))?(\s*\()?", line):
            name, assigned, call = match.groups()
            if assigned or keyword.iskeyword(name):
                continue
            if hasattr(builtins, name):
                if call:
                    called.add(name)
            else:
                variables.add(name)
    return variables, attributes, called


def _close(a: str, b: str) -> bool:
    return a.lower() == b.lower() or difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75


@dataclass(frozen=True)
class Raised:
    """The expression that raised at run time, from the traceback's columns (Python 3.11+)."""
    line: int  # 0-based
    text: str
    error_type: str


def raised_expression(run, source: str) -> Raised | None:
    """The expression the last frame in the user's script points at, or None (no columns: an older Python, an
    expression over several lines, a line with characters other than ASCII: the columns count bytes)."""
    frames = [f for f in getattr(run, "frames", None) or [] if f.get("user")]
    if not frames:
        return None
    line, col, end_col = frames[-1].get("line"), frames[-1].get("col"), frames[-1].get("end_col")
    lines = source.split("\n")
    if not line or col is None or end_col is None or frames[-1].get("end_line") != line or line > len(lines) \
            or not lines[line - 1].isascii():
        return None
    text = lines[line - 1][col:end_col]
    return Raised(line - 1, text, getattr(run, "error_type", "")) if text.strip() else None


# what may leave an expression unevaluated, or change what it reads, within one statement
GUARDS = (ast.IfExp, ast.BoolOp, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
          ast.NamedExpr)


def _first_statement(text: str, alone: bool = True) -> tuple[ast.stmt, str] | None:
    """The statement `text` starts with (the only one, when `alone`) and the code its positions refer to."""
    code = textwrap.dedent(text)
    tree = parse_statement(code)  # a compound statement's header gets a body after `code`'s lines
    if tree is None or not tree.body or (alone and len(tree.body) > 1):
        return None
    return tree.body[0], code


def _roles(statement: ast.stmt, code: str, text: str, error_type: str) -> set[str]:
    """How the statement uses each occurrence of the expression `text`: evaluated for its value, or an item
    assigned to (whose TypeError or IndexError does not depend on the value assigned); other stores: none."""
    roles = set()
    for node in ast.walk(statement):
        if not isinstance(node, ast.expr) or ast.get_source_segment(code, node) != text:
            continue
        ctx = getattr(node, "ctx", ast.Load())
        if isinstance(ctx, ast.Load):
            roles.add("value")
        elif isinstance(node, ast.Subscript) and isinstance(ctx, ast.Store) and error_type in ("TypeError",
                                                                                              "IndexError"):
            roles.add("item assigned")
    return roles


def still_raises(old_text: str, new_text: str, raised: Raised) -> bool:
    """Whether a candidate for the statement that raised still evaluates, unguarded and in the same role, the
    expression that raised: the same expression over the same state raises again, so no re-run is needed
    (`start[0] = trial` for `start[0] = 0.1 * trial` on a tuple). Statements added after it change nothing;
    one added before it may (it is not screened)."""
    old, new = _first_statement(old_text), _first_statement(new_text, alone=False)
    if old is None or new is None or type(old[0]) is not type(new[0]):
        return False
    if any(isinstance(node, GUARDS) for node in ast.walk(new[0])):
        return False
    before = _roles(*old, raised.text, raised.error_type)
    return bool(before & _roles(*new, raised.text, raised.error_type))


def _module(text: str) -> ast.Module | None:
    """A region's code as written (dedented), or None when it does not parse: the screens that read a region's
    tree (`none_results`, `annotated_only`, `dropped_values`) find nothing in code that does not parse."""
    try:
        return ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return None


def none_results(text: str) -> set[str]:
    """In-place methods (`append`, `shuffle`, ...: they return None) whose result the code uses: assigned,
    passed on, operated on (`seq.text = letters.append(' ')` runs, and shows nothing)."""
    tree = _module(text)
    if tree is None:
        return set()
    statements = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    return {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in IN_PLACE and id(n) not in statements}


def annotated_only(old_text: str, new_text: str) -> bool:
    """Whether an assignment became an annotation without a value (`start[0]: 0.1 * trial` runs, and sets
    nothing)."""
    def bare(text: str) -> int:
        tree = _module(text)
        if tree is None:
            return 0
        return sum(isinstance(n, ast.AnnAssign) and n.value is None for n in ast.walk(tree))
    return bare(new_text) > bare(old_text)


def dropped_reads(old_text: str, new_text: str, message: str) -> set[str]:
    """What the broken region used that the fix no longer does: a variable, an attribute with no close variant
    put in its place (`getkeys` -> `getKeys` is a fix, `remove` -> `append` changes the task), a builtin call with
    no other builtin call added (`len(n)` -> `range(n)` is a fix, `max(rts)` -> `rts` is not). Names the error
    message quotes may be replaced, not deleted: the wrong name is the one to change (`resp` -> `response`,
    `xrange` -> `range`), while `keys[0].rt` -> `keys[0]` runs and records the key's name as its RT."""
    quoted = set(re.findall(r"[A-Za-z_]\w*", " ".join(re.findall(r"'([^']*)'", message))))
    old_vars, old_attrs, old_called = _used_names(old_text)
    new_vars, new_attrs, new_called = _used_names(new_text)
    lost = old_vars - new_vars
    added_attrs = new_attrs - old_attrs
    lost |= {a for a in old_attrs - new_attrs if not any(_close(a, b) for b in added_attrs)}
    if not new_called - old_called:
        lost |= old_called - new_called
    replaced = bool((new_vars - old_vars) | added_attrs | (new_called - old_called))
    return lost - quoted if replaced else lost


def _fix_prompt(source: str, region: Region, message: str, api_lines: list[str]) -> str:
    lines = source.split("\n")
    context = "\n".join(lines[max(0, region.start - 6):region.start])
    return fix_prompt(region.text(lines), message, api_lines, context)


def model_fix(source: str, line: int, message: str, code: str | int | None, api_lines: list[str],
              backend: ModelBackend, check_codes: Callable[[str], list[tuple[int, str, str]]],
              max_tokens: int = 160, cancel: threading.Event | None = None,
              region: Region | None = None, sample: int = 0) -> FixOutcome:
    """Ask the model to rewrite the region around 0-based `line` (`region_for` it unless the caller, who needed
    it for the prompt's API lines, passes it), then verify its answer."""
    region = region or region_for(source, line)
    region_text = region.text(source.split("\n"))
    prompt = _fix_prompt(source, region, message, api_lines)
    # an answer over ~3x the region's length cannot pass verify's similarity bar: do not wait for it
    budget = min(max_tokens, 3 * backend.count_tokens(region_text) + 16)
    raw = "".join(backend.generate(prompt, budget, (FIX_END, "\n# Error:"), cancel, sample))
    return verify(source, region, parse_answer(raw, region_text), code, check_codes)


def alternatives(source: str, line: int, message: str, code: str | int | None, api_lines: list[str],
                 backend: ModelBackend, check_codes: Callable[[str], list[tuple[int, str, str]]], samples: int,
                 max_tokens: int = 160, cancel: threading.Event | None = None, region: Region | None = None,
                 seen: set[str] = frozenset(), edits: bool = True,
                 raised: Raised | None = None) -> list[tuple[str, FixOutcome]]:
    """Candidates after the greedy answer, best first: the model's own alternatives (sample 1 .. samples x
    ALTERNATIVES_PER_RUN) and the generic one-line edits of model/edits.py, of the statement that raised and of
    the one-line assignments that last set the variables it reads (the value may have been made wrong there:
    `order = reversed(items)` ... `order[0]`), those that pass `screen` only, ranked by the model's
    log-probability of each as the fixed code of its own region (a backend that cannot score keeps the model's
    first, then the edits in their order). Labels: "sample k", "edit", "edit of line N". Each candidate's
    `region` is the one it replaces."""
    region = region or region_for(source, line)
    lines = source.split("\n")
    old_text = region.text(lines)
    taken = set(seen)
    found: list[tuple[str, FixOutcome]] = []

    def consider(group: list, replaced: str, label: str, outcome: FixOutcome) -> None:
        """Keep a candidate that passes `screen` against the code it replaces."""
        if not screen(replaced, outcome, message, taken, raised):
            taken.add(outcome.new_text)
            group.append((label, outcome))

    for sample in range(1, 1 + samples * ALTERNATIVES_PER_RUN):
        outcome = model_fix(source, line, message, code, api_lines, backend, check_codes, max_tokens, cancel,
                            region, sample)
        if not outcome.new_text:
            break  # the backend has no further alternative
        consider(found, old_text, f"sample {sample}", outcome)
    groups = [(region, found)]  # candidates by the region they replace, each scored under its own prompt
    check_codes = _remembering(check_codes, source)
    allowed = max(12, CHECKED_LINES // max(1, len(lines)))
    if edits and samples:
        # where the value that raised was made: the variables the raised expression reads, else the statement's
        reads = raised.text if raised is not None and region.start <= raised.line < region.end else None
        sites = [region] + [region_for(source, i) for i in definition_sites(lines, region.start, region.end, reads)]
        for site in sites:
            site_text, group = site.text(lines), (found if site is region else [])
            for text in line_edits(site_text, assigned_before(lines, site.start), value_only=site is not region):
                if cancel is not None and cancel.is_set() or allowed <= 0:
                    break
                allowed -= 1
                consider(group, site_text, "edit" if site is region else f"edit of line {site.start + 1}",
                         verify(source, site, text, code, check_codes))
            if site is not region and group:
                groups.append((site, group))
    # each candidate's log-probability as the fixed code, less the unchanged code's under the same prompt: how
    # much the model prefers the change, comparable across regions (a short line is likelier than a long one)
    ranked: list[tuple[float, int, tuple[str, FixOutcome]]] = []
    for site, group in groups:
        answers = [outcome.new_text + "\n" + FIX_END for _, outcome in group] + [site.text(lines) + "\n" + FIX_END]
        scores = backend.score(_fix_prompt(source, site, message, api_lines), answers, cancel) if group else None
        if scores is None:  # a backend that cannot score: the model's own first, then the edits in their order
            scores = [0.0] * len(answers)
        ranked += [(score - scores[-1], len(ranked) + i, item) for i, (score, item) in enumerate(zip(scores, group))]
    return [item for _, _, item in sorted(ranked, key=lambda r: (-r[0], r[1]))]  # ties keep the order


def _remembering(check_codes: Callable[[str], list], source: str) -> Callable[[str], list]:
    """`check_codes`, with its findings for `source` (the unchanged document every edit's verify checks) kept."""
    kept: list = []

    def checked(text: str) -> list:
        if text != source:
            return check_codes(text)
        if not kept:
            kept.append(check_codes(source))
        return kept[0]
    return checked


class Alternatives:
    """The search for a runtime fix, shared by `first_proved`, benchmarks/debugging.py and the LSP handler (which
    awaits the model and the re-run itself): the greedy answer, then `alternatives`, each re-run while the budget
    lasts (`samples` re-runs after the first), and the reason to give when none is proved."""

    def __init__(self, lines: list[str], message: str, samples: int, raised: Raised | None = None):
        self.lines, self.message, self.samples, self.raised = lines, message, max(0, samples), raised
        self.seen: set[str] = set()
        self.tried: list[str] = []  # per candidate: greedy / sample k / edit, and what became of it
        self.reruns = 0
        self.first_reason = ""  # the first refusal, the one reported when nothing is proved

    def budget_left(self) -> bool:
        return self.reruns <= self.samples

    def worth_a_run(self, label: str, outcome: FixOutcome) -> bool:
        """Screen a candidate; True counts it as re-run (the caller must then run it and call `ran`)."""
        reason = screen(outcome.region.text(self.lines), outcome, self.message, self.seen, self.raised)
        if reason:
            self._note(label, reason)
            return False
        self.seen.add(outcome.new_text)
        self.reruns += 1
        return True

    def ran(self, label: str, proved: bool, proof: str) -> None:
        if proved:
            self.tried.append(f"{label}: {proof}")
        else:
            self._note(label, proof)

    def _note(self, label: str, reason: str) -> None:
        self.tried.append(f"{label}: {reason}")
        self.first_reason = self.first_reason or reason


def screen(old_text: str, outcome: FixOutcome, message: str, seen: set[str], raised: Raised | None = None) -> str:
    """Why a runtime fix candidate is not worth a re-run ("" when it is): refused by verify, already tried, it
    still evaluates the expression that `raised` (in the statement that raised), or it stops reading a variable
    the broken code read."""
    if not outcome.ok:
        return outcome.reason
    if outcome.new_text in seen:
        return "the same as an earlier candidate"
    if raised is not None and outcome.region.start <= raised.line < outcome.region.end and \
            still_raises(old_text, outcome.new_text, raised):
        return f"it still evaluates `{raised.text}`, where the {raised.error_type or 'error'} was raised"
    if annotated_only(old_text, outcome.new_text):
        return "the model's code annotates instead of assigning (`x: value` sets nothing)"
    used = none_results(outcome.new_text) - none_results(old_text)
    if used:
        return f"the model's code uses what {', '.join(sorted(used))}() returns, which is None"
    dropped = dropped_reads(old_text, outcome.new_text, message)
    if dropped:
        return f"the model's code no longer uses {', '.join(sorted(dropped))}"
    lost = dropped_values(old_text, outcome.new_text) if KIND_ERRORS.match(message) else []
    if lost:
        return f"the model's code drops {', '.join(lost)}, which the code states"
    reset = reset_accumulators(old_text, outcome.new_text)
    return f"the model's code no longer adds to {', '.join(sorted(reset))}" if reset else ""


# errors about the kind of a value (a str where a number goes, a tuple where a list does): their fix changes
# kinds, never the values the script states; an IndexError or a ValueError may be fixed by changing one
# (`range(len(levels) + 1)` -> `range(len(levels))`, a sample larger than its population)
KIND_ERRORS = re.compile(r"^\s*(TypeError|AttributeError)\b")


def dropped_values(old_text: str, new_text: str) -> list[str]:
    """The values the broken code states (number and string literals) when the candidate states fewer of them,
    else []: a script's numbers and texts are its parameters and what it shows (a duration, a trial count, the
    digits kept, an offset, an instruction), and a candidate that runs because one is gone changes the
    experiment (`random.choices(shapes, 6)` -> `random.choices(shapes)` draws one shape; `round(t, '3')` ->
    `round(t)` keeps whole seconds; `answers.append(key + 1)` -> `answers.append(key)`). A value changed
    (`x[3]` -> `x[2]`, `'wb'` -> `'w'`), unquoted (`'3'` -> `3`) or moved into a keyword (`k=6`) is not dropped."""
    def values(text: str) -> list[str] | None:
        tree = _module(text)
        if tree is None:
            return None
        return [repr(node.value) for node in ast.walk(tree) if isinstance(node, ast.Constant) and
                isinstance(node.value, (int, float, str)) and not isinstance(node.value, bool)]
    old, new = values(old_text), values(new_text)
    if old is None or new is None or len(new) >= len(old):
        return []
    return list((Counter(old) - Counter(new)).elements())  # not empty: old has more


AUGMENTED = re.compile(r"^\s*([A-Za-z_][\w.]*(?:\[[^\]]*\])?)\s*(?:[-+*/%@&|^]|//|\*\*|<<|>>)=", re.M)


def reset_accumulators(old_text: str, new_text: str) -> set[str]:
    """Targets the broken code accumulated into (`counts[key] += 1`) that the fix assigns afresh without reading
    (`counts[key] = 1` runs, and counts nothing)."""
    reset = set()
    for target in AUGMENTED.findall(old_text):
        if AUGMENTED.search(new_text) and target in AUGMENTED.findall(new_text):
            continue
        plain = re.search(rf"^\s*{re.escape(target)}\s*=(?!=)(.*)$", new_text, re.M)
        base = re.match(r"[A-Za-z_]\w*", target).group(0)  # `counts.get(key, 0) + 1` reads counts[key]
        if plain and not re.search(rf"\b{base}\b", plain.group(1)):
            reset.add(target)
    return reset


def replace_region(lines: list[str], region: Region, new_text: str) -> str:
    return "\n".join(lines[:region.start] + new_text.split("\n") + lines[region.end:])


@dataclass
class Proved:
    outcome: FixOutcome | None  # the first candidate the re-run proved, or None
    proof: str  # what the re-run showed, or why every candidate was refused
    after: object = None  # that re-run's result
    tried: list[str] | None = None  # per candidate: greedy / sample k / edit, and what became of it


def prove_runtime_fix(source: str, run, index, backend: ModelBackend,
                      rerun: Callable[[str], tuple[bool, str, object]], samples: int,
                      cancel: threading.Event | None = None, edits: bool = True, use_raised: bool = True) -> Proved:
    """`first_proved` for the error a sandbox run (`run`, a RunResult with a line) ended with: the statement
    around it, the real signatures in scope, the checker's findings and the expression that raised, as "Fix with
    the PsychoPy model" gives them (`psychopy.generate` and benchmarks/debugging.py call this)."""
    from ..analysis import Analysis
    from .context import checker_findings, region_api_lines

    analysis = Analysis(source, index)
    region = region_for(source, run.line - 1)
    return first_proved(source, run.line - 1, f"{run.error_type}: {run.message}", run.error_type,
                        region_api_lines(analysis, region.start, region.end), backend, checker_findings(analysis),
                        rerun, samples, 200, cancel, region, edits,
                        raised_expression(run, source) if use_raised else None)


def first_proved(source: str, line: int, message: str, code: str | int | None, api_lines: list[str],
                 backend: ModelBackend,
                 check_codes: Callable[[str], list[tuple[int, str, str]]],
                 rerun: Callable[[str], tuple[bool, str, object]], samples: int = 0, max_tokens: int = 160,
                 cancel: threading.Event | None = None, region: Region | None = None,
                 edits: bool = True, raised: Raised | None = None) -> Proved:
    """The greedy fix, then `alternatives`, each verified statically and then by
    `rerun(fixed source) -> (proved, what was seen, result)`; the first one proved wins (see Alternatives).
    `raised`: the expression that raised (raised_expression), when the run's traceback has its columns."""
    region = region or region_for(source, line)
    lines = source.split("\n")
    search = Alternatives(lines, message, samples, raised)
    queue = [("greedy", model_fix(source, line, message, code, api_lines, backend, check_codes, max_tokens, cancel,
                                  region))]
    while queue and search.budget_left() and not (cancel is not None and cancel.is_set()):
        label, outcome = queue.pop(0)
        shown = f"{label} `{outcome.new_text.strip()[:80]}`"  # what was tried, in the record of the search
        if search.worth_a_run(shown, outcome):
            proved, proof, after = rerun(replace_region(lines, outcome.region, outcome.new_text))
            search.ran(shown, proved, proof)
            if proved:
                return Proved(outcome, proof, after, search.tried)
        if label == "greedy" and search.samples:
            queue = alternatives(source, line, message, code, api_lines, backend, check_codes, search.samples,
                                 max_tokens, cancel, region, search.seen, edits, raised)
    return Proved(None, search.first_reason or "cancelled", None, search.tried)
