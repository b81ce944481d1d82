"""Repairs for a call given its arguments the wrong way, read off the exception's message. Same contract as
runtime_rules.py (pure; (title, line, new text[, other edits]) or None; nothing offered before a re-run proves it).

- json's / pickle's string and file functions swapped: `json.loads(f)` with a file -> `json.load(f)`,
  `json.dumps(data, f)` -> `json.dump(data, f)`;
- a sort key given as the name of a dict's column (`sorted(rows, key='rt')`): a function reading that column;
- a keyword a builtin does not take, spelt close to one it does (`sorted(rts, reversed=True)`): that keyword;
- a list where Python takes a tuple of alternatives (`w.startswith(['a', 'e'])`, `isinstance(x, [int, float])`):
  the tuple;
- a parenthesis closed late, handing round()'s digits to the call inside it (`round(np.mean(rts, 3))`, numpy
  reading 3 as an axis): the digits given to round();
- a value that is not one of those the message lists (`units='pixels'`, "must be one of: [...'pix'...]"): the
  one listed value it is close to;
- a setter given another attribute as a keyword (`stim.setText(word, color=c)`, PsychoPy's setters take the value
  and `log` only): the keyword set as that attribute on the next line;
- keywords given to a method that takes none ("dict.get() takes no keyword arguments": `d.get(k, default=0)`):
  the values given by position, in the order written;
- numpy's axis past the array's dimensions where the array has one (`np.mean(rts, axis=1)` of a list of numbers):
  the axis dropped, a one-dimensional array has one summary;
- sort()'s arguments given by position ("sort() takes no positional arguments": `rts.sort(True)`): a bool is
  `reverse=`, anything else the `key=`;
- a parameter named for several values given one (`mouse.isPressedIn(box, buttons=0)`, "'int' object is not
  iterable"): the one value in a list;
- a dict's method given as a sort key (`sorted(scores, key=scores.values)`, "dict.values() takes no arguments"):
  the dict's `get`, which gives each key's value;
- several items given where a method takes one collection (`writer.writerow('trial', 'rt')`, "takes exactly one
  argument (2 given)"; writerow, join, extend, update): the items in a list;
- numbers in a path (`os.path.join('data', session)`): str() around each part that is not text.
"""

from __future__ import annotations

import ast
import difflib
import re

from .runtime_rules import _calls, _char, _imports, _is_text, _last_name, _on_line, _splice, _wrap

# the module functions whose string and file forms students swap: the text one called -> the file one meant
FILE_FORMS = {"loads": "load", "dumps": "dump"}
SERIALISERS = ("json", "pickle")
# builtins' keyword arguments (their signatures are not all readable by inspect): name -> keywords
BUILTIN_KEYWORDS = {"sort": ("key", "reverse"), "sorted": ("key", "reverse"), "min": ("key", "default"),
                    "max": ("key", "default"), "print": ("sep", "end", "file", "flush"),
                    "open": ("mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"),
                    "round": ("ndigits",), "enumerate": ("start",), "int": ("base",), "split": ("sep", "maxsplit")}
# methods that take one collection of items: writer.writerow(row), sep.join(words), items.extend(more),
# a_set.update(more)
ONE_COLLECTION = ("writerow", "join", "extend", "update")
# calls that take several alternatives as a tuple only
TUPLE_ONLY = ("startswith", "endswith", "isinstance", "issubclass")


def argument_rule(error_type: str, message: str, line: int, source: str, tree: ast.Module):
    """The first rule here that reads this exception, or None."""
    if error_type == "TypeError":
        if re.search(r"dict\.(values|items|keys)\(\) takes no arguments \(1 given\)", message):
            return key_by_get(tree, line, source)
        if re.search(r"the JSON object must be str, bytes or bytearray, not (TextIOWrapper|BufferedReader)|"
                     r"a bytes-like object is required, not '_io\.", message):
            return file_form(tree, line, source, ("loads",))
        m = re.search(r"(dumps|loads)\(\) takes \d+ positional arguments? but \d+ were given", message)
        if m:
            return file_form(tree, line, source, (m.group(1),))
        if "'str' object is not callable" in message:
            return key_of_column(tree, line, source)
        m = re.search(r"'(\w+)' is an invalid keyword argument for (\w+)\(\)|(\w+)\(\) got an unexpected keyword "
                      r"argument '(\w+)'", message)
        if m:
            keyword, func = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            return keyword_spelled_otherwise(tree, line, source, func.split(".")[-1], keyword) or \
                setter_keyword(tree, line, source, func.split(".")[-1], keyword)
        m = re.search(r"(\w+)\(\) takes exactly one argument \((\d+) given\)", message)
        if m and m.group(1) in ONE_COLLECTION and int(m.group(2)) > 1:
            return items_in_a_list(tree, line, source, m.group(1))
        if re.search(r"\bjoin\(\) argument must be str, bytes, or os\.PathLike object, not '(int|float)'", message):
            return path_parts_as_text(tree, line, source)
        if re.search(r"(startswith|endswith) first arg must be str or a tuple of str, not list|"
                     r"isinstance\(\) arg 2 must be a type", message):
            return tuple_of_alternatives(tree, line, source)
        if re.search(r"takes \d+ positional arguments? but \d+ were given", message):
            return digits_to_round(tree, line, source)
        if re.search(r"\bsort\(\) takes no positional arguments", message):
            return sort_keywords(tree, line, source)
        if re.search(r"'(int|float|str|bool)' object is not iterable", message):
            return one_in_a_list(tree, line, source)
        m = re.search(r"([\w.]+)\(\) takes no keyword arguments", message)
        if m:
            return keywords_by_position(tree, line, source, m.group(1).split(".")[-1])
    if error_type in ("AxisError", "IndexError") and re.search(r"axis -?\d+ is out of bounds", message):
        return digits_to_round(tree, line, source) or (
            axis_of_a_list(tree, line, source) if "array of dimension 1" in message else None)
    m = re.search(r"'([^']+)'.*must be one of:? \[([^\]]*)\]", message)
    if error_type == "ValueError" and m:
        return listed_value(tree, line, source, m.group(1), re.findall(r"'([^']*)'", m.group(2)))
    return None


def file_form(tree: ast.Module, line: int, source: str, called: tuple[str, ...]):
    """`json.loads(f)` (f an open file) -> `json.load(f)`; `json.dumps(data, f)` -> `json.dump(data, f)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in called and isinstance(func.value, ast.Name) and \
                func.value.id in SERIALISERS:
            meant = FILE_FORMS[func.attr]
            start = func.end_col_offset - len(func.attr)
            return (f"{func.value.id}.{func.attr} works on text; {func.value.id}.{meant} on a file", line,
                    _splice(text, start, func.end_col_offset, meant))
    return None


def key_of_column(tree: ast.Module, line: int, source: str):
    """`sorted(rows, key='rt')` / `max(trials, key='rt')`: key takes a function; the column read by one."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if _last_name(node.func) not in ("sorted", "sort", "min", "max"):
            continue
        for kw in node.keywords:
            if kw.arg == "key" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                new = f"lambda row: row[{kw.value.value!r}]"
                return ("key takes a function: one that reads the column", line,
                        _splice(text, kw.value.col_offset, kw.value.end_col_offset, new))
    return None


def keyword_spelled_otherwise(tree: ast.Module, line: int, source: str, func: str, keyword: str):
    """`sorted(rts, reversed=True)`: the one keyword of the builtin spelt close to it (`reverse`)."""
    known = BUILTIN_KEYWORDS.get(func)
    close = difflib.get_close_matches(keyword, known or (), n=2, cutoff=0.6)
    if len(close) != 1:
        return None
    text = source.split("\n")[line - 1]
    names = (func, "sorted") if func == "sort" else (func,)  # Python names sort() for sorted() too
    for node in _on_line(tree, line, ast.Call):
        for kw in node.keywords:
            if kw.arg == keyword and _last_name(node.func) in names:
                at = _char(text, kw.col_offset)
                return (f"{func}() has no keyword {keyword}: it is {close[0]}", line,
                        text[:at] + close[0] + text[at + len(keyword):])
    return None


def setter_keyword(tree: ast.Module, line: int, source: str, func: str, keyword: str):
    """`stim.setText(word, color=colour)` (an Expr statement): `stim.setText(word)`, then `stim.color = colour` on
    the next line. Only PsychoPy's setters (`set` + a capital) called as a statement on a name or attribute."""
    if not re.match(r"set[A-Z]", func) or keyword == "log":
        return None
    lines = source.split("\n")
    text = lines[line - 1]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Expr) and node.lineno == line == node.end_lineno and
                isinstance(node.value, ast.Call) and _last_name(node.value.func) == func and
                isinstance(node.value.func, ast.Attribute)):
            continue
        call = node.value
        kws = [kw for kw in call.keywords if kw.arg == keyword]
        if not kws or not call.args:
            return None
        owner = ast.get_source_segment(source, call.func.value)
        kept = [ast.get_source_segment(source, a) for a in call.args] + \
            [ast.get_source_segment(source, kw) for kw in call.keywords if kw.arg != keyword]
        indent = text[:len(text) - len(text.lstrip())]
        value = ast.get_source_segment(source, kws[0].value)
        return (f"{func}() sets one attribute; set {keyword} on its own", line,
                f"{indent}{owner}.{func}({', '.join(kept)})\n{indent}{owner}.{keyword} = {value}")
    return None


def tuple_of_alternatives(tree: ast.Module, line: int, source: str):
    """`word.startswith(['a', 'e'])` / `isinstance(x, [int, float])`: the alternatives as a tuple."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if _last_name(node.func) not in TUPLE_ONLY:
            continue
        arg = node.args[0] if _last_name(node.func) in ("startswith", "endswith") and node.args else \
            node.args[1] if len(node.args) > 1 else None
        if isinstance(arg, ast.List):
            inner = ast.get_source_segment(source, arg)[1:-1]
            new = f"({inner}{',' if len(arg.elts) == 1 else ''})"
            return ("The alternatives go in a tuple, not a list", line,
                    _splice(text, arg.col_offset, arg.end_col_offset, new))
        if isinstance(arg, ast.Name):
            return ("The alternatives go in a tuple, not a list", line,
                    _wrap(text, [(arg.col_offset, arg.end_col_offset)], "tuple(", ")"))
    return None


def digits_to_round(tree: ast.Module, line: int, source: str):
    """`round(np.mean(rts, 3))`: the parenthesis closed late; `round(np.mean(rts), 3)`."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if not (isinstance(node.func, ast.Name) and node.func.id == "round" and len(node.args) == 1 and
                not node.keywords and isinstance(node.args[0], ast.Call)):
            continue
        inner = node.args[0]
        if len(inner.args) < 2 or inner.keywords or not _small_int(inner.args[-1]):
            continue
        digits = ast.get_source_segment(source, inner.args[-1])
        head = ast.get_source_segment(source, inner.func)
        rest = ", ".join(ast.get_source_segment(source, a) for a in inner.args[:-1])
        new = f"round({head}({rest}), {digits})"
        return ("round()'s digits were inside the call it rounds: the parenthesis closes earlier", line,
                _splice(text, node.col_offset, node.end_col_offset, new))
    return None


def _small_int(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool) \
        and 0 <= node.value <= 6


def listed_value(tree: ast.Module, line: int, source: str, given: str, allowed: list[str]):
    """`units='pixels'` where the message lists 'pix': the one listed value it is close to (difflib, or the listed
    value it starts with)."""
    allowed = [a for a in allowed if a]
    close = difflib.get_close_matches(given, allowed, n=2, cutoff=0.6)
    if len(close) != 1:
        close = [a for a in allowed if given.lower().startswith(a.lower()) or a.lower().startswith(given.lower())]
    if len(close) != 1 or close[0] == given:
        return None
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Constant):
        if node.value == given:
            return (f"'{given}' is not one of the values it takes: '{close[0]}'", line,
                    _splice(text, node.col_offset, node.end_col_offset, repr(close[0])))
    return None


def keywords_by_position(tree: ast.Module, line: int, source: str, func: str):
    """`counts.get(key, default=0)`: the method takes its arguments by position only; each keyword's value given
    after the positional ones, in the order written (the order its parameters come in, for every such method of
    the builtins: get, pop, setdefault, split's older forms...). Not where a `**` spreads keywords in."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if _last_name(node.func) != func or not node.keywords or any(kw.arg is None for kw in node.keywords):
            continue
        values = [ast.get_source_segment(source, a) for a in node.args] + \
            [ast.get_source_segment(source, kw.value) for kw in node.keywords]
        if None in values:
            return None
        return (f"{func}() takes its arguments by position only", line, _called_with(text, source, node, values))
    return None


def _called_with(text: str, source: str, call: ast.Call, arguments: list[str]) -> str:
    """`text` with `call` (on it) given `arguments` (their source) instead of its own: the callee kept as written."""
    head = ast.get_source_segment(source, call.func)
    return _splice(text, call.col_offset, call.end_col_offset, f"{head}({', '.join(arguments)})")


# numpy's reductions, whose second positional parameter is the axis
AXIS_SECOND = ("mean", "median", "std", "var", "sum", "min", "max", "amin", "amax", "average", "nanmean",
               "nanmedian", "nanstd", "prod", "argmax", "argmin")


def axis_of_a_list(tree: ast.Module, line: int, source: str):
    """`np.mean(rts, axis=1)` where rts is one-dimensional (a list of numbers): the axis dropped (one dimension,
    one summary). Only the call given an axis as a whole number; the message names a one-dimensional array."""
    text = source.split("\n")[line - 1]
    numpy = _imports(tree).get("numpy")  # the name the script calls numpy by
    for node in _on_line(tree, line, ast.Call):
        name = _last_name(node.func)
        axis = [kw.value for kw in node.keywords if kw.arg == "axis"]
        if not axis and name in AXIS_SECOND and isinstance(node.func, ast.Attribute):
            function = isinstance(node.func.value, ast.Name) and node.func.value.id == numpy
            if function and len(node.args) == 2:  # np.mean(rts, 1)
                axis = [node.args[1]]
            elif not function and len(node.args) == 1:  # rts_array.mean(1)
                axis = [node.args[0]]
        if not (axis and isinstance(axis[0], ast.Constant) and isinstance(axis[0].value, int) and
                axis[0].value not in (0, -1)):
            continue
        kept = [ast.get_source_segment(source, a) for a in node.args if a is not axis[0]] + \
            [ast.get_source_segment(source, kw) for kw in node.keywords if kw.value is not axis[0]]
        return (f"The array has one dimension: {name}() of it needs no axis", line,
                _called_with(text, source, node, kept))
    return None


def sort_keywords(tree: ast.Module, line: int, source: str):
    """`rts.sort(True)`: sort() takes keywords only; True/False is `reverse=`, a function `key=`."""
    text = source.split("\n")[line - 1]
    for node in _calls(tree, line, ("sort",)):
        if not node.args or len(node.args) > 2 or not isinstance(node.func, ast.Attribute):
            continue
        given = []
        for arg in node.args:
            name = "reverse" if isinstance(arg, ast.Constant) and isinstance(arg.value, bool) else "key"
            given.append((name, ast.get_source_segment(source, arg)))
        if len({name for name, _ in given}) != len(given):
            return None
        kept = [f"{name}={value}" for name, value in given] + \
            [ast.get_source_segment(source, kw) for kw in node.keywords]
        return ("sort() takes its arguments by keyword: " + ", ".join(name for name, _ in given), line,
                _called_with(text, source, node, kept))
    return None


# parameter names that take several values ('buttons', 'keyList', 'keys', 'names')
_SEVERAL = re.compile(r"^\w*(s|List|list)$")


def one_in_a_list(tree: ast.Module, line: int, source: str):
    """`mouse.isPressedIn(box, buttons=0)` raising "'int' object is not iterable": the one keyword on the line
    named for several values and given a single number or name-free constant, made a list of it. Nothing when
    the line has a for loop (a count looped over: type_rules) or several such keywords."""
    text = source.split("\n")[line - 1]
    if any(isinstance(n, (ast.For, ast.comprehension)) and n.iter.lineno == line for n in ast.walk(tree)):
        return None
    found = [kw for node in _on_line(tree, line, ast.Call) for kw in node.keywords
             if kw.arg and _SEVERAL.match(kw.arg) and isinstance(kw.value, ast.Constant) and
             isinstance(kw.value.value, (int, float)) and not isinstance(kw.value.value, bool)]
    if len(found) != 1:
        return None
    kw = found[0]
    return (f"{kw.arg} takes several values: a list of the one given", line,
            _wrap(text, [(kw.value.col_offset, kw.value.end_col_offset)], "[", "]"))


def key_by_get(tree: ast.Module, line: int, source: str):
    """`sorted(scores, key=scores.values)`: `key=scores.get` (each key's value)."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg == "key" and isinstance(value, ast.Attribute) and value.attr in ("values", "items", "keys"):
                start = value.end_col_offset - len(value.attr)
                return ("A sort key is a function of one key: the dict's get gives its value", line,
                        _splice(text, start, value.end_col_offset, "get"))
    return None


def items_in_a_list(tree: ast.Module, line: int, source: str, method: str):
    """`writer.writerow('trial', 'rt')`, `' '.join(a, b)`: the method takes one collection; the items given are put
    in a list."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == method and len(node.args) > 1 and \
                not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args) and \
                node.end_lineno == line:
            items = [ast.get_source_segment(source, a) for a in node.args]
            return (f"{method}() takes one collection: the items in a list", line,
                    _called_with(text, source, node, [f"[{', '.join(items)}]"]))
    return None


def path_parts_as_text(tree: ast.Module, line: int, source: str):
    """`os.path.join('data', session)` with a number: str() around each part that is not already text."""
    text = source.split("\n")[line - 1]
    for node in _on_line(tree, line, ast.Call):
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "join" and
                isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "path" and
                node.end_lineno == line):
            continue
        parts = [(a.col_offset, a.end_col_offset) for a in node.args
                 if not (_is_text(a) or isinstance(a, ast.BinOp) and isinstance(a.op, ast.Mod) and _is_text(a.left))
                 and a.lineno == a.end_lineno == line]
        if parts:
            return "A path is made of text: str() around the numbers", line, _wrap(text, parts, "str(", ")")
    return None

