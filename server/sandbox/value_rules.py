"""Repairs for a value an operation cannot take, read off the exception's message. Same contract as runtime_rules.py
(pure; (title, line, new text[, other edits]) or None; nothing offered before a re-run proves it).

- None compared with a number (`rt = ... if keys else None` ... `if rt < 0.3:`): the comparison guarded, `rt is
  not None and rt < 0.3`; where the `if` rebinds the name (`if rt < best: best = rt`, best starting None):
  `best is None or rt < best`, the first value taken;
- text called as if it were the values' format (`'Trial %d of %d'(n, total)`, a `%` forgotten): the `%`
  operator, or `.format` for text with `{}` fields;
- a negative time given to `time.sleep` (`time.sleep(0.5 - elapsed)` after a slow response): `max(0, ...)`;
- a number written before parentheses as in algebra (`0.2(i - 1)`): multiplied, `0.2 * (i - 1)`;
- a builtin function called as the value's method (`rt.round(3)`, `x.abs()`): the function, `round(rt, 3)`;
- a function or method indexed instead of called (`random.choice[shapes]`): called, `random.choice(shapes)`;
- the values of a `%` format given as a list (`'%d of %d' % [i, n]`): a tuple;
- numbers kept as text where a number is needed (a count that is text is type_rules' whole_repeat): a wait of
  text seconds (`time.sleep(settings['iti'])`: float()), digits written as text where a whole number goes
  (`str(n).zfill('3')`: 3), text rounded (`round(rt, 2)` of a split line: float()), text compared with a
  number (`rt > info['deadline']`: float() of the text), two texts subtracted, multiplied or divided
  (`times['end'] - times['start']`: float() of each);
- `items.pop(value)` (pop takes a position): `items.remove(value)`;
- an in-place method's result used on the same line (`rts.sort()[0]`, `for w in words.reverse():`,
  `random.shuffle(trials)` looped over; all None): the copy that method has (`sorted(rts)[0]`, `words[::-1]`,
  `random.sample(trials, len(trials))`);
- one number indexed as if it were a list (`clock.getTime()[0]`, "'Timestamp' object is not subscriptable"; a
  name bound to such a call on one line): the index dropped;
- a value the script sets to None (no response) used in arithmetic (`rt * 1000`): the result None too,
  `rt * 1000 if rt is not None else None`;
- a result that can be None (`keys = event.waitKeys(maxWait=2)`, nothing pressed) indexed in a condition (`if
  keys[0] == 'escape':`): the condition asks first whether there is one, `if keys and keys[0] == 'escape':`;
- the list of key presses read as a number (`int(keys)`): its first press, `int(keys[0])`;
- fewer values than a format's fields (`'{0}: {1}'.format(trial)`, "Replacement index 1 out of range"): the
  loop's other names that the line leaves out, when there are exactly as many as are missing.
"""

from __future__ import annotations

import ast
import re
import string

from .runtime_rules import _calls, _char, _key_lists, _last_name, _on_line, _splice, _wrap
from .type_rules import _binding

# builtin functions students call as a value's method (`rt.round(3)`)
BUILTIN_FUNCTIONS = ("round", "abs", "len", "sorted", "str", "int", "float")
# the types a number read from text is compared with (PsychoPy's clocks give a Timestamp, a float)
NUMBERS = {"int", "float", "Timestamp"}
# in-place methods whose result (None) a line may use: each has a copy (_copy_of)
COPIED = ("sort", "reverse", "shuffle")
# calls whose one argument is a number of seconds
WAITS = ("sleep", "wait")
ORDERING = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def value_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "TypeError":
        m = re.search(r"'([<>]=?)' not supported between instances of '(\w+)' and '(\w+)'", message)
        if m and "NoneType" in (m.group(2), m.group(3)) and m.group(2) != m.group(3):
            return none_guarded(tree, line, source, m.group(1), m.group(2) == "NoneType")
        if m and "str" in (m.group(2), m.group(3)) and {m.group(2), m.group(3)} & NUMBERS:
            return text_compared(tree, line, source, m.group(1), m.group(2) == "str")
        if "'str' object cannot be interpreted as an integer" in message:
            return seconds_from_text(tree, line, source) or remove_not_pop(tree, line, source) or \
                digits_as_number(tree, line, source)
        if "type str doesn't define __round__ method" in message:
            return round_of_text(tree, line, source)
        if re.search(r"unsupported operand type\(s\) for [-*/]: 'str' and 'str'", message):
            return texts_as_numbers(tree, line, source)
        if "'str' object is not callable" in message:
            return text_as_format(tree, line, source)
        if re.search(r"'(int|float)' object is not callable", message):
            return number_times(tree, line, source)
        if re.search(r"'(method|builtin_function_or_method|function)' object is not subscriptable", message):
            return called_not_indexed(tree, line, source)
        if re.search(r"'NoneType' object is not (subscriptable|iterable)|object of type 'NoneType' has no len\(\)|"
                     r"operand type\(s\) for .*'NoneType'", message) and (found := copy_not_in_place(tree, line, source)):
            return found
        if "'NoneType' object is not subscriptable" in message:
            return nothing_to_index(tree, line, source)
        if re.search(r"'(Timestamp|float|int|bool)' object is not subscriptable", message):
            return number_not_indexed(tree, line, source)
        m = re.search(r"unsupported operand type\(s\) for ([-+*/%]+|\*\*|//): '(\w+)' and '(\w+)'", message)
        if m and "NoneType" in (m.group(2), m.group(3)) and m.group(2) != m.group(3):
            return none_stays_none(tree, line, source, m.group(2) == "NoneType")
        if re.search(r"(int|float)\(\) argument must be .* not 'list'", message):
            return press_as_number(tree, line, source)
        if re.search(r"format: a (real )?number is required, not list|not enough arguments for format string|"
                     r"not all arguments converted during string formatting", message):
            return format_values_tuple(tree, line, source)
    m = re.search(r"object has no attribute '(\w+)'", message)
    if error_type == "AttributeError" and m and m.group(1) in BUILTIN_FUNCTIONS:
        return builtin_not_method(tree, line, source, m.group(1))
    if error_type == "IndexError" and re.search(r"Replacement index \d+ out of range", message):
        return values_for_fields(tree, line, source)
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
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "max(0, ", ")"))
    return None


def number_times(tree: ast.Module, line: int, source: str):
    """`0.2(i - 1)`: `0.2 * (i - 1)`, the number and the parentheses as written."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if isinstance(func, ast.Constant) and type(func.value) in (int, float) and len(node.args) == 1 and \
                not node.keywords:
            fields = text[_char(text, func.end_col_offset):_char(text, node.end_col_offset)].lstrip()
            return ("A number before parentheses is not multiplied in Python: write *", line,
                    _splice(text, node.col_offset, node.end_col_offset,
                            f"{ast.get_source_segment(source, func)} * {fields}"))
    return None


def builtin_not_method(tree: ast.Module, line: int, source: str, name: str):
    """`rt.round(3)`: `round(rt, 3)` (the value first, then the call's own arguments)."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, (name,)):
        if not isinstance(node.func, ast.Attribute) or node.keywords:
            continue
        values = [ast.get_source_segment(source, n) for n in (node.func.value, *node.args)]
        return (f"{name}() is a builtin function, not a method: {name}({values[0]}, ...)" if node.args else
                f"{name}() is a builtin function, not a method", line,
                _splice(text, node.col_offset, node.end_col_offset, f"{name}({', '.join(values)})"))
    return None


def called_not_indexed(tree: ast.Module, line: int, source: str):
    """`random.choice[shapes]`: `random.choice(shapes)`, where the indexed thing is a plain or dotted name."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Subscript):
        if isinstance(node.value, (ast.Name, ast.Attribute)) and not isinstance(node.slice, ast.Slice):
            inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            args = ", ".join(ast.get_source_segment(source, e) for e in inner)
            return ("A function is called with ( ), not indexed with [ ]", line,
                    _splice(text, node.col_offset, node.end_col_offset,
                            f"{ast.get_source_segment(source, node.value)}({args})"))
    return None


def format_values_tuple(tree: ast.Module, line: int, source: str):
    """`'%d of %d' % [i, n]`: the list display made a tuple, `% (i, n)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.BinOp):
        if isinstance(node.op, ast.Mod) and isinstance(node.left, (ast.Constant, ast.JoinedStr)) and \
                isinstance(node.right, ast.List) and len(node.right.elts) > 1:
            inner = ", ".join(ast.get_source_segment(source, e) for e in node.right.elts)
            return ("The values of a % format go in a tuple, not a list", line,
                    _splice(text, node.right.col_offset, node.right.end_col_offset, f"({inner})"))
    return None


def text_compared(tree: ast.Module, line: int, source: str, op: str, left_is_text: bool):
    """`rt > info['deadline']` with the deadline text: float() of the text side (a plain value, not a literal)."""
    text = source.split("\n")[line - 1]
    found = [n for n in _on_line(tree, line, ast.Compare) if len(n.ops) == 1 and ORDERING.get(type(n.ops[0])) == op]
    if len(found) != 1:
        return None
    side = found[0].left if left_is_text else found[0].comparators[0]
    if not isinstance(side, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
        return None
    return ("Text is compared with a number: read it as a number", line,
            _wrap(text, [(side.col_offset, side.end_col_offset)], "float(", ")"))


def seconds_from_text(tree: ast.Module, line: int, source: str):
    """`time.sleep(settings['iti'])` with text: float() of it."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, WAITS):
        if len(node.args) == 1 and not isinstance(node.args[0], ast.Constant):
            arg = node.args[0]
            return ("The duration is text: read it as a number", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "float(", ")"))
    return None


def remove_not_pop(tree: ast.Module, line: int, source: str):
    """`remaining.pop(colour)` with an item, not a position: `remaining.remove(colour)`."""
    text = source.split("\n")[line - 1]
    statements = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in _calls(tree, line, ("pop",)):
        if isinstance(node.func, ast.Attribute) and len(node.args) == 1 and id(node) in statements and \
                not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int)):
            start = node.func.end_col_offset - len("pop")
            return ("pop() takes a position: remove() takes the item", line,
                    _splice(text, start, node.func.end_col_offset, "remove"))
    return None


def digits_as_number(tree: ast.Module, line: int, source: str):
    """`str(n).zfill('3')`: the digits written as text given as the number, `zfill(3)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.strip().isdigit():
                return ("A whole number is written as text: write the number", line,
                        _splice(text, arg.col_offset, arg.end_col_offset, str(int(arg.value))))
    return None


def round_of_text(tree: ast.Module, line: int, source: str):
    """`round(rt, 2)` with rt text: `round(float(rt), 2)`."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("round",)):
        if isinstance(node.func, ast.Name) and node.args and not isinstance(node.args[0], ast.Constant):
            arg = node.args[0]
            return ("The value rounded is text: read it as a number first", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "float(", ")"))
    return None


def texts_as_numbers(tree: ast.Module, line: int, source: str):
    """`times['end'] - times['start']` with both text: float() of each (one operation on the line)."""
    text = source.split("\n")[line - 1]
    found = [n for n in _on_line(tree, line, ast.BinOp) if isinstance(n.op, (ast.Sub, ast.Mult, ast.Div)) and
             not isinstance(n.left, ast.Constant) and not isinstance(n.right, ast.Constant)]
    if len(found) != 1:
        return None
    spans = [(side.col_offset, side.end_col_offset) for side in (found[0].left, found[0].right)]
    return "Both values are text: read them as numbers", line, _wrap(text, spans, "float(", ")")


def copy_not_in_place(tree: ast.Module, line: int, source: str):
    """`rts.sort()[0]`: `sorted(rts)[0]`; `words.reverse()` used: `words[::-1]`; `random.shuffle(x)` used:
    `random.sample(x, len(x))`. Only a call whose value the line uses (not a statement of its own)."""
    text = source.split("\n")[line - 1]
    statements = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in _calls(tree, line, COPIED):
        func = node.func
        if not isinstance(func, ast.Attribute) or id(node) in statements or (node.keywords and func.attr != "sort"):
            continue
        if func.attr == "shuffle" and _last_name(func.value) != "random":
            continue
        args = [ast.get_source_segment(source, a) for a in node.args] + \
            [ast.get_source_segment(source, k) for k in node.keywords]
        new = _copy_of(func.attr, ast.get_source_segment(source, func.value), args)
        if new is None:
            continue
        return (f"{func.attr}() changes the list in place and gives None: use the {func.attr}ed copy", line,
                _splice(text, node.col_offset, node.end_col_offset, new))
    return None


def _copy_of(method: str, owner: str, args: list[str]) -> str | None:
    """The copy an in-place call has: `owner.sort(args)` -> `sorted(owner, args)`, `owner.reverse()` ->
    `owner[::-1]`, `random.shuffle(x)` -> `random.sample(x, len(x))`; None for another form."""
    if method == "sort":
        return f"sorted({', '.join([owner, *args])})"
    if method == "reverse" and not args:
        return f"{owner}[::-1]"
    if method == "shuffle" and len(args) == 1:
        return f"random.sample({args[0]}, len({args[0]}))"
    return None


def number_not_indexed(tree: ast.Module, line: int, source: str):
    """`clock.getTime()[0]`: `clock.getTime()`; `rt[0]` where `rt = clock.getTime()`: `rt`. The one number is
    the value; an index into it is a leftover of a list the script does not have."""
    text = source.split("\n")[line - 1]
    indexed = {id(n.value) for n in _on_line(tree, line, ast.Subscript)}
    for node in _on_line(tree, line, ast.Subscript):
        value = node.value
        if id(node) in indexed:  # `rt[0][1]`: which index is one too many is not known
            return None
        if isinstance(value, ast.Name):
            binding = _binding(tree, value.id, line)
            if binding is None or not isinstance(binding.value, ast.Call):
                continue
        elif not isinstance(value, ast.Call):
            continue
        if isinstance(node.ctx, ast.Store) or isinstance(node.slice, ast.Slice):
            continue
        return ("That value is one number, not a list: use it without an index", line,
                _splice(text, node.col_offset, node.end_col_offset, ast.get_source_segment(source, value)))
    return None


def none_stays_none(tree: ast.Module, line: int, source: str, left_is_none: bool):
    """`rt_ms = rt * 1000` where the script sets rt to None (no response): `rt * 1000 if rt is not None else None`.
    One operation on the line whose None side is a name the script assigns None."""
    text = source.split("\n")[line - 1]
    nones = _set_to_none(tree)
    found = []
    for node in _on_line(tree, line, ast.BinOp):
        side = node.left if left_is_none else node.right
        if isinstance(side, ast.Name) and side.id in nones:
            found.append((node, side.id))
    if len({name for _, name in found}) != 1:
        return None
    node, name = found[0]
    whole = {id(n.value) for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.Return))}
    guarded = f"{ast.get_source_segment(source, node)} if {name} is not None else None"
    if id(node) not in whole:
        guarded = f"({guarded})"
    return (f"{name} is None when there was no value (no response): keep the result None then", line,
            _splice(text, node.col_offset, node.end_col_offset, guarded))


def press_as_number(tree: ast.Module, line: int, source: str):
    """`int(keys)` on the list getKeys/waitKeys returned: the first press, `int(keys[0])`."""
    text = source.split("\n")[line - 1]
    lists = _key_lists(tree)
    for node in _calls(tree, line, ("int", "float")):
        arg = node.args[0] if len(node.args) == 1 else None
        if isinstance(arg, ast.Name) and arg.id in lists:
            return (f"{arg.id} is the list of key presses: the number is its first one", line,
                    _splice(text, arg.end_col_offset, arg.end_col_offset, "[0]"))
    return None


def values_for_fields(tree: ast.Module, line: int, source: str):
    """`'Trial {0}: press for {1}'.format(trial)` inside `for trial, colour in ...`: the loop's names the call
    leaves out, `.format(trial, colour)`, when they are exactly as many as the fields without a value."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("format",)):
        func = node.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant) and
                isinstance(func.value.value, str)) or node.keywords or not node.args:
            continue
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(func.value.value) if f is not None]
        except ValueError:
            return None
        numbered = [int(f) for f in fields if f.isdigit()]
        wanted = max(numbered) + 1 if numbered else len([f for f in fields if f == ""])
        missing = wanted - len(node.args)
        if missing <= 0:
            return None
        given = {n.id for a in node.args for n in ast.walk(a) if isinstance(n, ast.Name)}
        loops = [n for n in ast.walk(tree) if isinstance(n, ast.For) and n.lineno < line <= n.end_lineno]
        names = [e.id for loop in loops for e in ast.walk(loop.target) if isinstance(e, ast.Name)
                 and e.id not in given]
        if len(names) != missing:
            return None
        at = node.args[-1].end_col_offset
        return (f"The text has {wanted} fields and {len(node.args)} value{'s' if len(node.args) > 1 else ''}: "
                f"give {', '.join(names)} too", line, _splice(text, at, at, "".join(f", {n}" for n in names)))
    return None


def _set_to_none(tree: ast.Module) -> set[str]:
    """Names the script assigns None, or a value that is None on one branch (`x if keys else None`)."""
    def none(value):
        return (isinstance(value, ast.Constant) and value.value is None) or (
            isinstance(value, ast.IfExp) and (none(value.body) or none(value.orelse)))
    return {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and none(n.value)
            for t in n.targets if isinstance(t, ast.Name)}


def nothing_to_index(tree: ast.Module, line: int, source: str):
    """`if keys[0] == 'escape':` with keys None (a wait that timed out): `if keys and keys[0] == 'escape':`. Only in
    an `if`/`elif`/`while` test that starts on the line and indexes one name; elsewhere what to do without a value
    is not said."""
    text = source.split("\n")[line - 1]
    for node in ast.walk(tree):
        if not (isinstance(node, (ast.If, ast.While)) and node.test.lineno == line == node.test.end_lineno):
            continue
        names = {n.value.id for n in ast.walk(node.test)
                 if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)}
        if len(names) != 1:
            return None
        name = names.pop()
        test = ast.get_source_segment(source, node.test)
        if isinstance(node.test, ast.BoolOp) and isinstance(node.test.op, ast.Or) or \
                isinstance(node.test, (ast.IfExp, ast.NamedExpr, ast.Lambda)):
            test = f"({test})"
        return (f"{name} can be None (nothing came): ask whether there is one first", line,
                _splice(text, node.test.col_offset, node.test.end_col_offset, f"{name} and {test}"))
    return None
