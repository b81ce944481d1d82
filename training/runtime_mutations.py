"""Generic runtime mistakes for repair pairs: small edits of one line that Python only rejects when it runs.

These are transformations, not error kinds: drop or repeat an argument, drop a conversion or a call's
parentheses, shift an index, change an attribute's case, use another variable of the script, quote a number,
divide with `/` where `//` was written, unpack one name too many. Whether one raises, and with what message, is
decided by running the mutated script in the sandbox (training/repair_data.py); the ones that do not raise where
they were planted are dropped. None is written for a particular held-out case; benchmarks/heldout/debugging-4
and -5 are never read here.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..server.model.edits import assigned_before
from .mutations import Mutation, _code_part, _replace_line

CALL_START = re.compile(r"\b([A-Za-z_][\w.]*)\(")
CONVERSIONS = ("str", "int", "float", "round", "len", "list", "abs")
NAME = re.compile(r"\b[a-z_][a-zA-Z_0-9]*\b")
KEYWORDS = {"and", "or", "not", "in", "is", "if", "else", "for", "while", "def", "return", "import", "from",
            "True", "False", "None", "lambda", "with", "as", "pass", "break", "continue", "elif", "try",
            "except", "class", "global", "print", "range", "len", "str", "int", "float", "list", "dict", "self"}


def _scan(text: str, depth: int = 0):
    """(index, character, bracket depth after it, inside a string) for each character of `text`."""
    quote = ""
    for j, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        else:
            depth += (ch in "([{") - (ch in ")]}")
        yield j, ch, depth, bool(quote) or ch in "'\""


def _split_args(args: str) -> list[str]:
    """Top-level comma-separated arguments (commas inside brackets or strings do not split)."""
    parts, current = [], ""
    for _, ch, depth, quoted in _scan(args):
        if ch == "," and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return [p.strip() for p in parts]


def _mutation(name: str, lines: list[str], i: int, new: str) -> Mutation:
    return Mutation(name, "runtime", i, _replace_line(lines, i, new))


class _Call:
    """A call's name and the span of its arguments (group 1 and 2, as a regex match has them)."""

    def __init__(self, name_start: int, name: str, args_start: int, args_end: int):
        self._spans = {1: (name_start, name_start + len(name)), 2: (args_start, args_end)}
        self._name = name

    def group(self, n: int) -> str:
        return self._name if n == 1 else ""

    def start(self, n: int) -> int:
        return self._spans[n][0]

    def end(self, n: int) -> int:
        return self._spans[n][1]


def _calls(line: str):
    """Each call on the line with its top-level arguments; nested brackets and strings are skipped over."""
    code = _code_part(line)
    if code.lstrip().startswith(("def ", "class ", "import ", "from ")):
        return
    for match in CALL_START.finditer(code):
        # the call's closing bracket: the first place its depth (1 after the opening one) comes back to 0
        j = next((match.end() + k + 1 for k, _, depth, _ in _scan(code[match.end():], 1) if depth == 0), None)
        if j is None or match.group(1).split(".")[-1] in CONVERSIONS + ("print",):
            continue
        yield _Call(match.start(1), match.group(1), match.end(), j - 1), _split_args(code[match.end():j - 1])


def drop_argument(lines, i):
    """The last positional argument left out: `f(a, b)` -> `f(a)`."""
    for match, args in _calls(lines[i]):
        positional = [a for a in args if "=" not in a.replace("==", "")]
        if len(positional) == len(args) and args:
            kept = ", ".join(args[:-1])
            new = lines[i][:match.start(2)] + kept + lines[i][match.end(2):]
            yield _mutation("drop_argument", lines, i, new)
            return


def extra_argument(lines, i):
    """One argument too many: `f(a)` -> `f(a, a)`."""
    for match, args in _calls(lines[i]):
        if len(args) == 1 and "=" not in args[0]:
            new = lines[i][:match.end(2)] + f", {args[0]}" + lines[i][match.end(2):]
            yield _mutation("extra_argument", lines, i, new)
            return


def drop_conversion(lines, i):
    """`str(x)` / `int(x)` / `len(x)` ... written as `x`."""
    match = re.search(rf"\b({'|'.join(CONVERSIONS)})\(([\w.\[\]'\"]+)\)", _code_part(lines[i]))
    if match:
        new = lines[i][:match.start()] + match.group(2) + lines[i][match.end():]
        yield _mutation("drop_conversion", lines, i, new)


def drop_call_parens(lines, i):
    """A method read as a value: `x.getTime()` -> `x.getTime` inside an expression."""
    code = _code_part(lines[i])
    for match in re.finditer(r"(\.\w+)\(\)", code):
        if code[match.end():].strip() == "" and code[:match.start()].strip().isidentifier():
            continue  # a bare statement `x.draw()`: without () it silently does nothing, nothing raises
        new = lines[i][:match.end(1)] + lines[i][match.end():]
        yield _mutation("drop_call_parens", lines, i, new)
        return


def index_shift(lines, i):
    """An index one further: `x[0]` -> `x[1]`, `x[i]` -> `x[i + 1]`."""
    match = re.search(r"\b(\w+)\[(\d+|[a-z_]\w*)\]", _code_part(lines[i]))
    if match and match.group(1) not in KEYWORDS:
        index = match.group(2)
        shifted = str(int(index) + 1) if index.isdigit() else f"{index} + 1"
        new = lines[i][:match.start(2)] + shifted + lines[i][match.end(2):]
        yield _mutation("index_shift", lines, i, new)


def attribute_case(lines, i):
    """An attribute or method in the wrong case: `.getTime` -> `.gettime`, `.text` -> `.Text`."""
    match = re.search(r"\b([a-z_]\w*)\.([a-zA-Z]\w+)", _code_part(lines[i]))
    if match and match.group(1) not in ("np", "numpy", "os", "random", "math", "core", "visual", "event",
                                        "data", "sound", "gui", "keyboard", "logging", "monitors"):
        attr = match.group(2)
        changed = attr.lower() if attr != attr.lower() else attr.capitalize()
        new = lines[i][:match.start(2)] + changed + lines[i][match.end(2):]
        yield _mutation("attribute_case", lines, i, new)


def swap_variable(lines, i):
    """Another variable of the script used in place of the right one (`clock.draw()` for `stim.draw()`)."""
    assigned = [n for n in assigned_before(lines, i) if n[0].islower() or n[0] == "_"]  # not CONSTANTS
    match = re.search(r"\b([a-z_]\w*)\.\w+", _code_part(lines[i]))
    if match and match.group(1) in assigned:
        others = [n for n in assigned if n != match.group(1) and n not in KEYWORDS]
        if others:
            other = others[(i * 7) % len(others)]  # deterministic: the same script gives the same data
            new = lines[i][:match.start(1)] + other + lines[i][match.end(1):]
            yield _mutation("swap_variable", lines, i, new)


def number_as_string(lines, i):
    """A number written as a string: `frames(0.5)` -> `frames('0.5')`, `x * 2` -> `x * '2'`."""
    code = _code_part(lines[i])
    if re.match(r"^\s*[A-Z_]+\s*=", code):
        return  # a constant's definition raises nowhere near its own line
    match = re.search(r"(?<![\w.'\"])(\d+\.\d+|\d+)(?![\w.'\"])", code)
    if match and "[" not in code[max(0, match.start() - 1):match.start()]:
        new = lines[i][:match.start()] + f"'{match.group(1)}'" + lines[i][match.end():]
        yield _mutation("number_as_string", lines, i, new)


def true_division(lines, i):
    """`//` written as `/` (a float where a count or index is needed)."""
    if "//" in _code_part(lines[i]):
        yield _mutation("true_division", lines, i, lines[i].replace("//", "/", 1))


def unpack_extra(lines, i):
    """One name too many on the left of an unpacking: `a, b = f()` -> `a, b, extra = f()`."""
    match = re.match(r"^(\s*(?:for\s+)?)(\w+(?:\s*,\s*\w+)+)(\s*(?:=[^=]|in\b))", lines[i])
    if match:
        new = lines[i][:match.end(2)] + ", extra" + lines[i][match.end(2):]
        yield _mutation("unpack_extra", lines, i, new)


GENERIC_OPERATORS = [drop_argument, extra_argument, drop_conversion, drop_call_parens, index_shift, attribute_case,
                     swap_variable, number_as_string, true_division, unpack_extra]


def runtime_mutations(source: str) -> Iterator[Mutation]:
    """Every generic runtime mutation of `source` (one per operator and line)."""
    lines = source.split("\n")
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith(("#", '"', "'")):
            continue
        for operator in GENERIC_OPERATORS:
            yield from operator(lines, i)
