"""Mutation operators: one realistic PsychoPy mistake planted on one line of a correct script.

Every operator keeps the line count (the fix is the original region, line for line) and says what category the
mistake is in. Static mistakes are confirmed by the server's checker (the message is the checker's own); syntax
mistakes by the parser; runtime ones by a headless run where the data build asks for it; logic mistakes raise
nothing, so their message describes the symptom a user reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

# invented keyword spellings people (and small models) use, mapped from the real parameter
KEYWORD_ALIASES = {"color": "colour", "fillColor": "fillColour", "lineColor": "lineColour", "units": "unit",
                   "ori": "orientation", "opacity": "alpha", "pos": "position", "height": "textHeight",
                   "wrapWidth": "wrap_width", "fullscr": "fullscreen", "autoLog": "auto_log", "radius": "r"}
METHOD_INVENTIONS = {".draw()": ".render()", ".flip()": ".flipScreen()", ".setText(": ".set_text(",
                     ".getKeys(": ".get_keys(", ".setPos(": ".set_pos(", ".reset()": ".restart()"}
MODULE_INVENTIONS = {"visual.TextStim": "visual.Text", "visual.ImageStim": "visual.Image",
                     "visual.Rect": "visual.Rectangle", "core.Clock": "core.Timer", "event.waitKeys": "event.waitKey"}


@dataclass(frozen=True)
class Mutation:
    operator: str
    category: str  # static | syntax | runtime | logic
    line: int  # 0-based line that changed
    source: str  # the mutated script
    expect: str = ""  # checker code (static), "PSY001" (syntax), exception type (runtime)
    message: str = ""  # the symptom, for logic mistakes (others get theirs from the checker or a run)


def _replace_line(lines: list[str], i: int, new: str) -> str:
    return "\n".join(lines[:i] + [new] + lines[i + 1:])


def _code_part(line: str) -> str:
    return line.split("#", 1)[0]


Operator = Callable[[list[str], int], Iterator[Mutation]]


def keyword_alias(lines, i):
    for real, alias in KEYWORD_ALIASES.items():
        if re.search(rf"[(,]\s*{real}\s*=", _code_part(lines[i])):
            yield Mutation("keyword_alias", "static", i,
                           _replace_line(lines, i, re.sub(rf"\b{real}(\s*=)", rf"{alias}\1", lines[i], count=1)),
                           "PSY101")
            return


def method_invention(lines, i):
    for real, fake in METHOD_INVENTIONS.items():
        if real in _code_part(lines[i]):
            yield Mutation("method_invention", "static", i, _replace_line(lines, i, lines[i].replace(real, fake, 1)),
                           "PSY104")
            return


def module_invention(lines, i):
    for real, fake in MODULE_INVENTIONS.items():
        if re.search(rf"\b{re.escape(real)}\b", _code_part(lines[i])):
            yield Mutation("module_invention", "static", i,
                           _replace_line(lines, i, re.sub(rf"\b{re.escape(real)}\b", fake, lines[i], count=1)),
                           "PSY105")
            return


def not_called(lines, i):
    match = re.match(r"^(\s*)(\w+)\.flip\(\)\s*$", lines[i])
    if match:
        yield Mutation("not_called", "static", i, _replace_line(lines, i, f"{match.group(1)}{match.group(2)}.flip"),
                       "PSY201")


def keylist_string(lines, i):
    match = re.search(r"keyList\s*=\s*\[\s*(['\"])(\w+)\1\s*\]", lines[i])
    if match:
        new = lines[i][:match.start()] + f"keyList='{match.group(2)}'" + lines[i][match.end():]
        yield Mutation("keylist_string", "static", i, _replace_line(lines, i, new), "PSY204")


def string_for_number(lines, i):
    match = re.search(r"core\.wait\((\d+(?:\.\d+)?)\)", lines[i])
    if match:
        new = lines[i][:match.start()] + f"core.wait('{match.group(1)}')" + lines[i][match.end():]
        yield Mutation("string_for_number", "static", i, _replace_line(lines, i, new), "PSY203")


def missing_paren(lines, i):
    code = _code_part(lines[i]).rstrip()
    if code.endswith(")") and code.count("(") == code.count(")") and "#" not in lines[i]:
        yield Mutation("missing_paren", "syntax", i, _replace_line(lines, i, code[:-1]), "PSY001")


def missing_colon(lines, i):
    code = _code_part(lines[i]).rstrip()
    if re.match(r"^\s*(for|if|while|elif|def|with)\b.*:$", code) and "#" not in lines[i]:
        yield Mutation("missing_colon", "syntax", i, _replace_line(lines, i, code[:-1]), "PSY001")


def unclosed_string(lines, i):
    match = re.search(r"'(\w[\w ]*)'", _code_part(lines[i]))
    if match and lines[i].count("'") == 2:
        new = lines[i][:match.end() - 1] + lines[i][match.end():]
        yield Mutation("unclosed_string", "syntax", i, _replace_line(lines, i, new), "PSY001")


def misspelled_variable(lines, i):
    """A use (not the definition) of a script variable misspelled: NameError when the line runs."""
    defined = set()
    for line in lines[:i]:
        match = re.match(r"^\s*([a-z]\w{2,})\s*=[^=]", line)
        if match:
            defined.add(match.group(1))
    code = _code_part(lines[i])
    for name in sorted(defined):
        if re.match(rf"^\s*{name}\s*=", code):
            continue
        if re.search(rf"\b{name}\.(draw|setText|setPos|setColor|flip)\b", code):
            yield Mutation("misspelled_variable", "runtime", i,
                           _replace_line(lines, i, re.sub(rf"\b{name}\b", name + name[-1], lines[i], count=1)),
                           "NameError")
            return


def wait_in_milliseconds(lines, i):
    match = re.search(r"core\.wait\((0?\.\d+|\d(?:\.\d+)?)\)", lines[i])
    if match:
        seconds = float(match.group(1))
        ms = int(round(seconds * 1000))
        if ms >= 10:
            new = lines[i][:match.start()] + f"core.wait({ms})" + lines[i][match.end():]
            yield Mutation("wait_in_milliseconds", "logic", i, _replace_line(lines, i, new),
                           message=f"The script hangs for minutes at this wait: it should last {seconds:g} s")


def capitalised_key(lines, i):
    match = re.search(r"(['\"])(space|escape|left|right|return|up|down)\1", lines[i])
    if match and ("Keys" in lines[i] or "keyList" in lines[i] or " in " in lines[i]):
        key = match.group(2)
        new = lines[i][:match.start()] + f"'{key.capitalize()}'" + lines[i][match.end():]
        yield Mutation("capitalised_key", "logic", i, _replace_line(lines, i, new),
                       message=f"Pressing the {key} key does nothing here")


def list_compared_to_key(lines, i):
    match = re.match(r"^(\s*)if\s+['\"](\w+)['\"]\s+in\s+(\w+)\s*:\s*$", lines[i])
    if match:
        indent, key, var = match.groups()
        yield Mutation("list_compared_to_key", "logic", i, _replace_line(lines, i, f"{indent}if {var} == '{key}':"),
                       message=f"Pressing {key} never triggers this branch")


def in_place_assigned(lines, i):
    """`random.shuffle(x)` written as `x = random.shuffle(x)`: x is None from then on."""
    match = re.match(r"^(\s*)((?:np\.)?random\.shuffle)\((\w+)\)\s*$", lines[i])
    if match:
        indent, call, name = match.groups()
        yield Mutation("in_place_assigned", "runtime", i,
                       _replace_line(lines, i, f"{indent}{name} = {call}({name})"), "TypeError")


def float_count(lines, i):
    """`range(frames(X))` written as `range(X * frame_rate)`: a float where a count is needed."""
    match = re.search(r"range\(frames\((\w+)\)\)", lines[i])
    if match:
        new = lines[i][:match.start()] + f"range({match.group(1)} * frame_rate)" + lines[i][match.end():]
        yield Mutation("float_count", "runtime", i, _replace_line(lines, i, new), "TypeError")


def keypress_list(lines, i):
    """`keys[0].rt` written as `keys.rt`: the list of presses used as one press."""
    match = re.search(r"\b(\w+)\[0\]\.(rt|name)\b", _code_part(lines[i]))
    if match:
        new = lines[i][:match.start()] + f"{match.group(1)}.{match.group(2)}" + lines[i][match.end():]
        yield Mutation("keypress_list", "runtime", i, _replace_line(lines, i, new), "AttributeError")


def window_left_out(lines, i):
    """`visual.Circle(win, ...)` without its window."""
    match = re.search(r"(visual\.\w+\()win,\s*", lines[i])
    if match:
        new = lines[i][:match.start()] + match.group(1) + lines[i][match.end():]
        yield Mutation("window_left_out", "runtime", i, _replace_line(lines, i, new), "TypeError")


OPERATORS: list[Operator] = [keyword_alias, method_invention, module_invention, not_called, keylist_string,
                             string_for_number, missing_paren, missing_colon, unclosed_string, misspelled_variable,
                             wait_in_milliseconds, capitalised_key, list_compared_to_key, in_place_assigned,
                             float_count, keypress_list, window_left_out]


def mutations(source: str) -> Iterator[Mutation]:
    """Every single-line mistake the operators can plant in `source` (one per operator and line)."""
    lines = source.split("\n")
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for operator in OPERATORS:
            yield from operator(lines, i)
