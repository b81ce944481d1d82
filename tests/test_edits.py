"""The generic one-line edits "Fix with the PsychoPy model" ranks beside the model's own answers
(server/model/edits.py), on strings: each operator's edit is among the candidates, none is the line itself, and
the lines no edit applies to get none."""

import pytest

from psychopy_lsp.server.model.edits import assigned_before, definition_sites, line_edits


@pytest.mark.parametrize("line, variables, wanted", [
    # a method read as a value: called
    ("for name, value in params.items:", [], "for name, value in params.items():"),
    # one argument too many: each dropped, with its comma
    ("n = f(a, b)", [], "n = f(b)"),
    ("n = f(a, b)", [], "n = f(a)"),
    ("x = f(a, key=2)", [], "x = f(key=2)"),
    # an index one lower, a constant or an expression
    ("y = xs[3]", [], "y = xs[2]"),
    ("y = xs[i]", [], "y = xs[i - 1]"),
    # a list where one item was meant: its first item
    ("name = keys.name", [], "name = keys[0].name"),
    # an attribute's case
    ("t = clock.gettime()", [], "t = clock.getTime()".replace("getTime", "Gettime")),
    # a quoted number unquoted; `/` as `//`
    ("wait = '0.5'", [], "wait = 0.5"),
    ("half = n / 2", [], "half = n // 2"),
    # one name fewer in an unpacking
    ("a, b, c = f()", [], "a, b = f()"),
    ("for a, b, c in rows:", [], "for a, b in rows:"),
    # another variable of the script in place of the object
    ("    out.write(t)", ["out", "log"], "    log.write(t)"),
    # a conversion around an operand, indentation kept
    ("    out.write(clock.getTime())", [], "    out.write(str(clock.getTime()))"),
    ("label = 'n: ' + len(trials)", [], "label = 'n: ' + str(len(trials))"),
    # ... a variable handed to a call made for its effect may still be converted, not copied
    ("    log.write(onset)", [], "    log.write(str(onset))"),
    # a tuple or a set where a list was meant (the item is assigned or indexed later)
    ("pos = (0, 0.2)", [], "pos = [0, 0.2]"),
    ("sides = {'left', 'right'}", [], "sides = ['left', 'right']"),
    ("xy = 1, 2", [], "xy = [1, 2]"),
])
def test_each_operator_offers_its_edit(line, variables, wanted):
    assert wanted in line_edits(line, variables)


@pytest.mark.parametrize("line, unwanted", [
    # a statement's own call is not converted: nobody reads the result
    ("    stim.draw()", "    str(stim.draw())"),
    # what a conversion converts is not converted again
    ("n = int(x)", "n = int(int(x))"),
    ("n = int(x)", "n = int(str(x))"),
    # a copy of what a call made for its effect works on: the effect is lost with the copy
    ("random.shuffle(order)", "random.shuffle(list(order))"),
    ("np.random.shuffle(trials)", "np.random.shuffle(list(trials))"),
    # str() of what a call iterates: items become characters
    ("msg = ', '.join(rts)", "msg = ', '.join(str(rts))"),
    ("total = sum(rts)", "total = sum(str(rts))"),
    # an assignment target is not a value
    ("rt = clock.getTime()", "str(rt) = clock.getTime()"),
    # a call's own name is not wrapped
    ("t = clock.getTime()", "t = str(clock.getTime)()"),
    # an unpacking target is not a tuple literal to rewrite, nor an empty tuple
    ("a, b = f()", "[a, b] = f()"),
    ("x = ()", "x = []"),
])
def test_edits_that_change_nothing_useful_are_not_offered(line, unwanted):
    assert unwanted not in line_edits(line)


@pytest.mark.parametrize("text", [
    "x = (1,\n     2)",  # a statement over two lines
    "x = = 1",  # does not parse
    "label = 'é' + n",  # offsets are bytes: a line with other characters is left alone
    "",
])
def test_no_edits(text):
    assert line_edits(text) == []


def test_edits_are_distinct_and_never_the_line():
    line = "    results.append(key, clock.getTime() - onset)"
    edits = line_edits(line, ["results", "clock", "onset"])
    assert edits and line not in edits and len(edits) == len(set(edits))
    assert all(edit.startswith("    ") for edit in edits)


def test_assigned_before():
    lines = ["win = 1", "clock = 2", "if x == 1:", "    rt = 3", "win = 4", "later = 5"]
    assert assigned_before(lines, 5) == ["win", "clock", "rt"]


SCRIPT = """import random
n = 4
order = reversed(items)
pos = (0, 0)
order = list(order)
for i in range(n):
    pos[0] = order[i] + n
    if i == n:
        total = {
            'a': 1}
    label = total
"""


@pytest.mark.parametrize("start, end, sites", [
    # the statement reads pos, order, n: their last one-line assignments before it, nearest first
    (6, 7, [4, 3, 1]),
    # a compound header reads n: its assignment
    (7, 8, [1]),
    # `total` was last set by a statement of several lines: not a one-line site (and nothing before it)
    (10, 11, []),
    # `random` and `range` are never assigned: no sites
    (0, 1, []),
])
def test_definition_sites(start, end, sites):
    assert definition_sites(SCRIPT.split("\n"), start, end) == sites


@pytest.mark.parametrize("line, wanted, unwanted", [
    # the line that made a value: its kind changes (a copy as a list, a list literal, a number, a call)
    ("durations = map(float, parts)", "durations = list(map(float, parts))", None),
    ("pos = (0, 0)", "pos = [0, 0]", None),
    ("isi = '0.5'", "isi = 0.5", None),
    ("names = row.keys", "names = row.keys()", None),
    # ... never what changes what the line does: an argument dropped, another object, an attribute's case
    ("out = open('rts.txt', 'w')", None, "out = open('rts.txt')"),
    ("win = visual.Window([800, 600])", None, "win = visual.window([800, 600])"),
    ("last = trials[3]", None, "last = trials[2]"),
])
def test_value_edits_of_the_line_that_made_a_value(line, wanted, unwanted):
    edits = line_edits(line, ["out", "log"], value_only=True)
    assert wanted is None or wanted in edits
    assert unwanted is None or unwanted not in edits


def test_definition_sites_of_the_raised_expression_only():
    """Given the expression that raised, only the variables it reads: `out.write(x)` raised, so `msg` is not
    a site even though the statement reads it."""
    lines = ["out = open('a.txt', 'w')", "msg = 'x'", "x = 3", "out.write(x) if msg else None"]
    assert definition_sites(lines, 3, 4) == [2, 1, 0]
    assert definition_sites(lines, 3, 4, "out.write(x)") == [2, 0]
