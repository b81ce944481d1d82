"""Generic one-line edits of a statement that raised at run time: candidates for "Fix with the PsychoPy model"
beside the model's own answers (pure; fix.alternatives verifies, ranks them by the model's likelihood and the
re-run proves one).

The edits are the inverses of training/runtime_mutations.py's and training/mutations.py's runtime operators
(the mistakes the repair data plants): a conversion added around an operand (`str(x)`, `int(x)`, `len(x)`, ...),
a method called (`x.items` -> `x.items()`), one argument dropped, an index one lower, an attribute's case, the
first item taken before an attribute (`keys.name` -> `keys[0].name`), another variable of the script in place of
an object, a quoted number unquoted, `/` as `//`, one name fewer in an unpacking. None names a PsychoPy class or a
particular error: which edit, if any, fixes the error is for the model to rank and the re-run to decide.
"""

from __future__ import annotations

import ast
import re
import textwrap
from typing import Iterator

CONVERSIONS = ("str", "int", "float", "len", "list", "round", "abs")
# calls that iterate their arguments: a str() there turns items into characters
ITERATE = {"join", "extend", "sum", "sorted", "set", "tuple", "list", "enumerate", "zip", "min", "max", "any", "all",
           "map", "filter", "shuffle", "choice", "sample"}
MAX_EDITS = 120  # a long line has hundreds of (operand, conversion) pairs; the first ones are the nearest to its start


def _callee(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else \
        call.func.attr if isinstance(call.func, ast.Attribute) else ""


# a line that assigns one name at a statement's start (`x = ...`, not `x == ...` nor `x[0] = ...`)
ASSIGNMENT = re.compile(r"^\s*([A-Za-z_]\w*)\s*=[^=]")


def assigned_before(lines: list[str], end: int) -> list[str]:
    """Names the script assigns at a statement's start on lines before `end`, in the order first assigned."""
    names: list[str] = []
    for line in lines[:end]:
        match = ASSIGNMENT.match(line)
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return names


def definition_sites(lines: list[str], start: int, end: int, reads: str | None = None, limit: int = 3) -> list[int]:
    """0-based lines of the one-line assignments that last set, before line `start`, the variables the statement
    on lines [start, end) reads (or, given, the expression `reads`: the one that raised), nearest first: where the
    value that raised may have been made wrong (`order = reversed(items)` ... `order[0]`)."""
    tree = parse_statement(textwrap.dedent("\n".join(lines[start:end])) if reads is None else reads.strip())
    if tree is None:
        return []
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    sites: list[int] = []
    for i in range(start - 1, -1, -1):
        match = ASSIGNMENT.match(lines[i])
        if match and match.group(1) in read:
            read.discard(match.group(1))  # the last assignment before the statement is the one it read
            if parse_statement(lines[i].strip()) is not None:  # one line, complete
                sites.append(i)
        if len(sites) >= limit or not read:
            break
    return sites


def parse_statement(text: str) -> ast.AST | None:
    """The statement; a compound statement's header gets a body so that it parses."""
    for attempt in (text, text + "\n    pass"):
        try:
            return ast.parse(attempt)
        except SyntaxError:
            continue
    return None


def _splice(line: str, start: int, end: int, new: str) -> str:
    return line[:start] + new + line[end:]


def line_edits(text: str, variables: list[str] = (), value_only: bool = False) -> list[str]:
    """Edited versions of the one-line statement `text` (indentation kept), each different from it, no repeats;
    `variables`: names the script assigned before it (for the swapped-object edit); `value_only`: only the edits
    that change what kind of value the line makes (a method called, a tuple or set as a list, a number unquoted, a
    conversion), for a line that made a value a later line failed on. A multi-line or unparsable statement gets
    none."""
    if "\n" in text.strip("\n"):
        return []
    indent = text[:len(text) - len(text.lstrip())]
    line = text.strip()
    tree = parse_statement(line)
    if tree is None:
        return []
    out: list[str] = []
    for new in _edits(tree, line, list(variables), value_only):
        new = indent + new
        if new != text and new not in out:
            out.append(new)
        if len(out) >= MAX_EDITS:
            break
    return out


def _span(node: ast.AST, line: str) -> tuple[int, int] | None:
    # offsets are in UTF-8 bytes; a line with other characters than ASCII is left alone rather than mis-spliced
    if getattr(node, "lineno", 0) != 1 or getattr(node, "end_lineno", 0) != 1 or not line.isascii():
        return None
    return node.col_offset, node.end_col_offset


def _operands(tree: ast.AST) -> list[ast.expr]:
    """Values the statement reads that a conversion could wrap: names, attributes, calls and subscripts, not
    a callee, not the object of an attribute or subscript, not an assignment target, not a statement's own call,
    not what a conversion already converts."""
    inner: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr):
            inner.add(id(node.value))  # `str(stim.draw())` as a statement converts a result nobody reads
        if isinstance(node, ast.Call):
            inner.add(id(node.func))
            if isinstance(node.func, ast.Name) and node.func.id in CONVERSIONS:
                inner.update(id(a) for a in node.args)  # `int(int(x))`, `float(int(x))`: not a fix of `int(x)`
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            inner.add(id(node.value))
    found = [node for node in ast.walk(tree)
             if isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))
             and isinstance(getattr(node, "ctx", ast.Load()), ast.Load) and id(node) not in inner]
    return sorted(found, key=lambda n: (n.col_offset, -n.end_col_offset))


def _edits(tree: ast.AST, line: str, variables: list[str], value_only: bool = False) -> Iterator[str]:
    nodes = sorted((n for n in ast.walk(tree) if hasattr(n, "col_offset")), key=lambda n: n.col_offset)
    if value_only:
        yield from _called(nodes, line)
        yield from _as_list(nodes, line)
        yield from _unquoted(nodes, line)
        yield from _converted(tree, nodes, line)
        return
    yield from _called(nodes, line)
    # one argument too many: each positional argument dropped (with its comma)
    for node in nodes:
        if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        items = sorted(node.args + node.keywords, key=lambda n: n.col_offset)
        for i, item in enumerate(items):
            if not isinstance(item, ast.expr) or not (span := _span(item, line)):
                continue
            if i > 0:  # from the previous item's end: the comma before this one goes with it
                yield _splice(line, items[i - 1].end_col_offset, span[1], "")
            elif len(items) > 1:  # the first of several: up to the next one
                yield _splice(line, span[0], items[1].col_offset, "")
            else:
                yield _splice(line, *span, "")
    # an index one lower; the first item taken before an attribute (a list where one item was meant)
    for node in nodes:
        if isinstance(node, ast.Subscript) and (span := _span(node.slice, line)):
            index = node.slice
            if isinstance(index, ast.Constant) and isinstance(index.value, int) and index.value > 0:
                yield _splice(line, *span, str(index.value - 1))
            elif isinstance(index, (ast.Name, ast.BinOp, ast.Call, ast.Attribute)):
                yield _splice(line, span[1], span[1], " - 1")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (span := _span(node.value, line)):
            yield _splice(line, span[1], span[1], "[0]")
    # an attribute in the wrong case
    for node in nodes:
        if isinstance(node, ast.Attribute) and (span := _span(node, line)):
            attr = node.attr
            start = span[1] - len(attr)
            for variant in (attr.lower(), attr[:1].lower() + attr[1:], attr[:1].upper() + attr[1:]):
                if variant != attr:
                    yield _splice(line, start, span[1], variant)
    # a quoted number unquoted; `/` where `//` was meant
    yield from _unquoted(nodes, line)
    for node in nodes:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left, right = _span(node.left, line), _span(node.right, line)
            if left and right:
                between = line[left[1]:right[0]]
                yield _splice(line, left[1], right[0], between.replace("/", "//", 1))
    yield from _as_list(nodes, line)
    # one name too many in an unpacking
    for node in nodes:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
            node.target if isinstance(node, ast.For) else None
        if isinstance(target, ast.Tuple) and len(target.elts) >= 2 and (span := _span(target.elts[-1], line)):
            yield _splice(line, target.elts[-2].end_col_offset, span[1], "")
    # another of the script's variables in place of an object
    for node in nodes:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in variables:
            span = _span(node.value, line)
            for other in variables[-8:]:
                if span and other != node.value.id:
                    yield _splice(line, *span, other)
    yield from _converted(tree, nodes, line)


def _called(nodes: list[ast.AST], line: str) -> Iterator[str]:
    """A method read as a value: called."""
    for node in nodes:
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and (span := _span(node, line)):
            if not line[span[1]:].lstrip().startswith("("):
                yield _splice(line, span[1], span[1], "()")


def _unquoted(nodes: list[ast.AST], line: str) -> Iterator[str]:
    """A quoted number unquoted."""
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (span := _span(node, line)):
            try:
                float(node.value)
            except ValueError:
                continue
            yield _splice(line, *span, node.value.strip())


def _as_list(nodes: list[ast.AST], line: str) -> Iterator[str]:
    """A tuple or set written where a list was meant (`pos = (0, 0)` then `pos[0] = x`; `{'a', 'b'}[0]`)."""
    for node in nodes:
        if isinstance(node, (ast.Tuple, ast.Set)) and isinstance(getattr(node, "ctx", ast.Load()), ast.Load) \
                and node.elts and (span := _span(node, line)):
            inner = ", ".join(line[e.col_offset:e.end_col_offset] for e in node.elts if _span(e, line))
            if len(inner.split(", ")) == len(node.elts):
                yield _splice(line, *span, f"[{inner}]")


def _converted(tree: ast.AST, nodes: list[ast.AST], line: str) -> Iterator[str]:
    # a conversion around an operand; never a copy (`list(x)`) of a variable handed to a call made for its effect:
    # `random.shuffle(list(order))` runs, and shuffles a copy nobody keeps
    in_place = {id(arg) for node in nodes if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                for arg in node.value.args if isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript))}
    # nor str() of what the call iterates: `', '.join(str(rts))` runs, and joins the characters of "[0.41, ...]"
    iterated = {id(arg) for node in nodes if isinstance(node, ast.Call) and _callee(node) in ITERATE
                for arg in node.args}
    for node in _operands(tree):
        if not (span := _span(node, line)):
            continue
        already = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CONVERSIONS
        for conversion in CONVERSIONS:
            if not (already and node.func.id == conversion) and not (conversion == "list" and id(node) in in_place) \
                    and not (conversion == "str" and id(node) in iterated):
                yield _splice(line, *span, f"{conversion}({line[span[0]:span[1]]})")
