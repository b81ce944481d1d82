"""Repairs for a value an operation cannot take, read off the exception's message. Same contract as runtime_rules.py
(pure; (title, line, new text[, other edits]) or None; nothing offered before a re-run proves it).

- None compared with a number (`rt = ... if keys else None` ... `if rt < 0.3:`): the comparison guarded, `rt is
  not None and rt < 0.3`; where the `if` rebinds the name (`if rt < best: best = rt`, best starting None):
  `best is None or rt < best`, the first value taken;
- text called as if it were the values' format (`'Trial %d of %d'(n, total)`, a `%` forgotten): the `%`
  operator, or `.format` for text with `{}` fields;
- a negative time given to `time.sleep` (`time.sleep(0.5 - elapsed)` after a slow response): `max(0, ...)`.
"""

from __future__ import annotations

import ast
import re

from .runtime_rules import _calls, _char, _on_line, _splice

ORDERING = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def value_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "TypeError":
        m = re.search(r"'([<>]=?)' not supported between instances of '(\w+)' and '(\w+)'", message)
        if m and "NoneType" in (m.group(2), m.group(3)) and m.group(2) != m.group(3):
            return none_guarded(tree, line, source, m.group(1), m.group(2) == "NoneType")
        if "'str' object is not callable" in message:
            return text_as_format(tree, line, source)
    if error_type == "ValueError" and "sleep length must be non-negative" in message:
        return sleep_at_least_zero(tree, line, source)
    return None


def none_guarded(tree: ast.Module, line: int, source: str, op: str, left_is_none: bool):
    """The one comparison with `op` on the line whose None side is a plain value (a name, an attribute, an
    item): `x is not None and ...`, or `x is None or ...` where the `if` it tests rebinds x."""
    text = source.split("\n")[line - 1]
    found = [n for n in _on_line(tree, line, ast.Compare) if len(n.ops) == 1 and ORDERING.get(type(n.ops[0])) == op]
    if len(found) != 1:
        return None
    node = found[0]
    side = node.left if left_is_none else node.comparators[0]
    if not isinstance(side, (ast.Name, ast.Attribute, ast.Subscript)):
        return None
    value = ast.get_source_segment(source, side)
    compared = ast.get_source_segment(source, node)
    tested = [n for n in ast.walk(tree) if isinstance(n, (ast.If, ast.While)) and n.test is node]
    rebinds = bool(tested) and isinstance(side, ast.Name) and any(
        isinstance(n, ast.Name) and n.id == side.id and isinstance(n.ctx, ast.Store)
        for statement in tested[0].body for n in ast.walk(statement))
    guard = f"{value} is None or {compared}" if rebinds else f"{value} is not None and {compared}"
    if not tested:
        guard = f"({guard})"
    title = (f"{value} is None until it has a value: take the first one" if rebinds else
             f"{value} can be None (no value): compare it only when it has one")
    return title, line, _splice(text, node.col_offset, node.end_col_offset, guard)


def text_as_format(tree: ast.Module, line: int, source: str):
    """`'Trial %d of %d'(n, total)`: `%` between the text and its values; `'{} of {}'(a, b)`: `.format`."""
    text = source.split("\n")[line - 1]
    parts = [n.value for n in ast.walk(tree) if isinstance(n, (ast.Attribute, ast.Subscript))]
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if not (isinstance(func, ast.Constant) and isinstance(func.value, str)):
            continue
        written = ast.get_source_segment(source, node)
        if written is None:
            return None
        fields = written[_char(written, func.end_col_offset - func.col_offset):].lstrip()
        if re.search(r"%[-+ #0]*\d*(\.\d+)?[sdifgeEr]", func.value) and not node.keywords:
            new = f"{ast.get_source_segment(source, func)} % {fields}"
            if node in parts:  # `'%d'(n).upper()`: the formatted text in parentheses before its method
                new = f"({new})"
            return ("A % is missing between the text and its values", line,
                    _splice(text, node.col_offset, node.end_col_offset, new))
        if re.search(r"\{[^{}]*\}", func.value):
            return ("The text's fields are filled by .format()", line,
                    _splice(text, func.end_col_offset, func.end_col_offset, ".format"))
    return None


def sleep_at_least_zero(tree: ast.Module, line: int, source: str):
    """`time.sleep(0.5 - elapsed)`: `time.sleep(max(0, 0.5 - elapsed))`, no wait once the time has passed."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("sleep",)):
        if len(node.args) == 1 and not node.keywords:
            arg = node.args[0]
            return ("The time left can be negative: sleep for no less than 0", line,
                    _splice(text, arg.col_offset, arg.end_col_offset,
                            f"max(0, {ast.get_source_segment(source, arg)})"))
    return None
