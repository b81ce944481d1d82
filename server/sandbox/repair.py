"""Runtime fixes: deterministic ones where the traceback makes the repair certain, and the proof every runtime fix
(deterministic or the model's) needs before it is offered: the script re-run in the sandbox.

Pure parts (`runtime_fix`, `compare`) work on strings and results; `verify_by_rerun` runs the sandbox;
`prove_rule_fix` proves a deterministic fix with the re-run it is given (and extends it to the same mistake on
later lines).

Certain repairs:
- NameError / AttributeError with Python's own "Did you mean" (3.10+): the name on the error line replaced by
  the suggestion (a name in code, not inside a string or comment);
- KeyError on a dict whose keys are literal in the script: the closest literal key;
- `for a, b in d:` over such a dict (ValueError: too many / not enough values to unpack): `d.items()`;
- the rules of legacy_rules.py (code written for Python 2 or an older Python, read first), definition_rules.py
  (the script's own classes and names), container_rules.py, collecting_rules.py, text_rules.py, index_rules.py,
  value_rules.py, runtime_rules.py, type_rules.py, library_rules.py, file_rules.py and argument_rules.py (their
  docstrings list them; read in that order, the first that reads the exception wins), also when the certain
  KeyError/ValueError repairs above find nothing.

A fix replaces one line (`new_text` may hold a line break: an import added below another, a call split from its
assignment), plus, in `extra`, the other lines it changes: the import a repaired call needs, the other uses of a
renamed variable, the same mistake on later lines (prove_rule_fix); `removed`, lines it deletes (a function moved
above the call that needs it: its old lines).
"""

from __future__ import annotations

import ast
import difflib
import io
import tokenize
from dataclasses import dataclass

from .argument_rules import argument_rule
from .collecting_rules import collecting_rule
from .container_rules import container_rule
from .definition_rules import definition_rule
from .file_rules import file_rule
from .index_rules import index_rule
from .legacy_rules import legacy_rule
from .library_rules import library_rule
from .runtime_rules import rule_for
from .text_rules import text_rule
from .type_rules import type_rule
from .value_rules import value_rule

# code from an old tutorial first (a Python 2 name would otherwise read as a dict key or a missing import), then the
# script's own names, then the narrower families before runtime_rules' older, broader ones
EARLY_RULES = (legacy_rule, definition_rule, container_rule, collecting_rule, text_rule, index_rule, value_rule)
LATE_RULES = (type_rule, library_rule, file_rule, argument_rule)


@dataclass(frozen=True)
class RuntimeFix:
    title: str
    line: int  # 1-based line whose text is replaced
    new_text: str  # the whole new line (without its newline)
    # other lines the same fix replaces, (1-based line, new text): the import a call on `line` needs
    extra: tuple[tuple[int, str], ...] = ()
    removed: tuple[int, ...] = ()  # 1-based lines deleted, line break and all (none of them replaced too)

    def edits(self) -> list[tuple[int, str]]:
        return [(self.line, self.new_text), *self.extra]

    def apply(self, source: str) -> str:
        lines = source.split("\n")
        for line, new_text in self.edits():
            lines[line - 1] = new_text
        gone = set(self.removed)
        return "\n".join(text for i, text in enumerate(lines, 1) if i not in gone)


def runtime_fix(error_type: str, detail: dict, line: int | None, source: str, index=None,
                message: str = "") -> RuntimeFix | None:
    """The repair for an exception raised at 1-based `line` of `source` (its `message`), or None: the certain
    ones below, then the rules of runtime_rules (`index`, the API index, gives the checker's fixes their real
    signatures). Every one is re-run before it is offered."""
    lines = source.split("\n")
    if line is None or not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    if error_type in ("NameError", "UnboundLocalError", "AttributeError") and detail.get("suggestion"):
        name, better = detail.get("name") or "", detail["suggestion"]
        new = _replace_name(text, name, better, attribute=error_type == "AttributeError")
        if new is not None:
            return RuntimeFix(f"Use `{better}` (Python's suggestion for `{name}`)", line, new)
        return None
    tree = _parse(source)
    if tree is None:
        return None
    certain = _key_fix(tree, text, line, detail["key"]) if error_type == "KeyError" and detail.get("key") else \
        _items_fix(tree, text, line) if error_type == "ValueError" else None
    if certain is not None:
        return certain
    found = _first(EARLY_RULES, error_type, message, line, source, tree) or \
        rule_for(error_type, message, detail, line, source, tree, index) or \
        _first(LATE_RULES, error_type, message, line, source, tree)
    if found is None:
        return None
    title, at, new_text, *extra = found
    if new_text == lines[at - 1] and not (len(extra) > 1 and extra[1]):  # unchanged, and no line removed
        return None
    return RuntimeFix(title, at, new_text, tuple(extra[0]) if extra else (),
                      tuple(extra[1]) if len(extra) > 1 else ())


def _first(rules, error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first of `rules` that reads this exception (its repair), or None."""
    return next((found for rule in rules if (found := rule(error_type, message, line, source, tree))), None)


def _replace_name(text: str, name: str, better: str, attribute: bool) -> str | None:
    """`text` with the code token `name` (after a dot, for an attribute) replaced by `better`; None when it is
    not on the line as code."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    previous = None
    for tok in tokens:
        if tok.type == tokenize.NAME and tok.string == name and (
                not attribute or (previous is not None and previous.string == ".")):
            row, col = tok.start
            if row != 1:
                return None
            return text[:col] + better + text[col + len(name):]
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = tok
    return None


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def _literal_dicts(tree: ast.Module) -> dict[str, list[str]]:
    """Names assigned a dict whose keys are all string literals (`{...}` or `dict(a=...)`), with those keys."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        value, keys = node.value, None
        if isinstance(value, ast.Dict) and value.keys and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys):
            keys = [k.value for k in value.keys]
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and \
                not value.args and value.keywords and all(k.arg for k in value.keywords):
            keys = [k.arg for k in value.keywords]
        if keys is not None:
            found.setdefault(node.targets[0].id, [])
            found[node.targets[0].id] += [k for k in keys if k not in found[node.targets[0].id]]
    return found


def _key_fix(tree: ast.Module, text: str, line: int, key_repr: str) -> RuntimeFix | None:
    try:
        key = ast.literal_eval(key_repr)
    except (ValueError, SyntaxError):
        return None
    if not isinstance(key, str):
        return None
    dicts = _literal_dicts(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Subscript) and node.lineno == line == node.end_lineno and
                isinstance(node.value, ast.Name) and node.value.id in dicts and
                isinstance(node.slice, ast.Constant) and node.slice.value == key):
            continue
        close = difflib.get_close_matches(key, dicts[node.value.id], n=1, cutoff=0.6)
        if not close:
            return None
        start, end = _byte_cols(text, node.slice.col_offset, node.slice.end_col_offset)
        return RuntimeFix(f"Use the key {close[0]!r} ({node.value.id} has no {key!r})", line,
                          text[:start] + _literal_like(close[0], text[start:end]) + text[end:])
    return None


def _literal_like(value: str, written: str) -> str:
    """`value` as a string literal in the quotes the user wrote (repr's when that would need escaping)."""
    quote = written[:1]
    if quote in ("'", '"') and quote not in value and "\\" not in value and "\n" not in value:
        return f"{quote}{value}{quote}"
    return repr(value)


def _items_fix(tree: ast.Module, text: str, line: int) -> RuntimeFix | None:
    dicts = _literal_dicts(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Tuple) and \
                len(node.target.elts) == 2 and isinstance(node.iter, ast.Name) and node.iter.id in dicts and \
                node.iter.lineno == line:
            start, end = _byte_cols(text, node.iter.col_offset, node.iter.end_col_offset)
            return RuntimeFix(f"Iterate over `{node.iter.id}.items()` (a dict gives its keys alone)", line,
                              text[:start] + f"{node.iter.id}.items()" + text[end:])
    return None


def _byte_cols(text: str, start: int, end: int) -> tuple[int, int]:
    """ast's UTF-8 byte offsets as str indices."""
    raw = text.encode("utf-8")
    return len(raw[:start].decode("utf-8", "replace")), len(raw[:end].decode("utf-8", "replace"))


def compare(before, after) -> tuple[bool, str]:
    """Whether a re-run (`after`) proves a fix of the failure in `before` (RunResults): the exception is gone, or
    the run now stops at a later, different exception (offered, and said)."""
    where = f"line {before.line}" if before.line else "its place"
    if after.status in ("ok", "exit", "timeout"):
        ended = {"ok": "ran to its end", "exit": "ran until it quit", "timeout": "ran to its time budget"}
        return True, f"re-run in the sandbox: the {before.error_type} at {where} is gone; the script " \
                     f"{ended[after.status]}"
    if after.status != "error":
        return False, f"re-run in the sandbox: the script did not finish ({after.status}: {after.message})"
    same = after.error_type == before.error_type and after.line == before.line
    if same:
        return False, f"re-run in the sandbox: still {after.error_type} at line {after.line}"
    later = after.line is not None and before.line is not None and after.line > before.line
    if after.error_type == before.error_type and after.message == before.message:
        return False, f"re-run in the sandbox: the same {after.error_type} moved to line {after.line}"
    if not later:
        return False, f"re-run in the sandbox: a new {after.error_type} at line {after.line} before the old place"
    return True, f"re-run in the sandbox: the {before.error_type} at {where} is gone; the script now stops " \
                 f"later, at line {after.line}: {after.error_type}: {after.message}"


def prove_rule_fix(before, source: str, index, rerun, repeats: int = 4):
    """The deterministic fix of `before` (a RunResult of `source`) proved by `rerun(fixed_source) -> RunResult`:
    (fix, proof) or (None, why). The same mistake written again further down (`time.clock()` at the start and the
    end of a trial) raises the same exception at a later line after the first fix: the same rules read it there,
    up to `repeats` more lines, and the fix offered covers every one of them (one action, each line re-run)."""
    fix = runtime_fix(before.error_type, before.detail, before.line, source, index, before.message) \
        if before.status == "error" else None
    if fix is None:
        return None, "no deterministic fix"
    for _ in range(repeats + 1):
        fixed = fix.apply(source)
        after = rerun(fixed)
        proved, proof = compare(before, after)
        if proved:
            return fix, proof
        again = after.status == "error" and after.error_type == before.error_type and \
            after.message == before.message and (after.line or 0) > (before.line or 0)
        more = runtime_fix(after.error_type, after.detail, after.line, fixed, index, after.message) if again \
            else None
        if more is None or fix.removed or more.removed or any("\n" in t for _, t in fix.edits() + more.edits()):
            return None, proof  # a fix that adds lines would move the others' line numbers: not merged
        lines = sorted({*(n for n, _ in fix.edits()), *(n for n, _ in more.edits())})
        fix = RuntimeFix(f"{fix.title.split(' (also on line')[0]} (also on line{'s' if len(lines) > 2 else ''} "
                         f"{', '.join(str(n) for n in lines if n != fix.line)}: the same mistake)", fix.line,
                         fix.new_text, tuple(dict(list(fix.extra) + list(more.edits())).items()))
    return None, proof


def verify_by_rerun(before, script, python: str, fixed_source: str, **run_kwargs) -> tuple[bool, str, object]:
    """Run `fixed_source` as `script` in the sandbox; (proved, what was seen, the new RunResult)."""
    from .runner import run_script

    after = run_script(script, python, source=fixed_source, **run_kwargs)
    ok, reason = compare(before, after)
    return ok, reason, after
