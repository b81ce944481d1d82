"""The repairs for a call given its arguments the wrong way (server/sandbox/argument_rules.py, through
repair.runtime_fix), pure: on strings. Each case says which line changes to what; the None cases are code the
rule must leave alone. Written after debugging set 17 was measured (its failures); none of its scripts is here."""

from __future__ import annotations

import pytest

from rule_helpers import check_rule

# (error type, message, line, source, (line changed, its new text) or None)
RULES = [
    # json.loads handed the open file: json.load
    ("TypeError", "the JSON object must be str, bytes or bytearray, not TextIOWrapper", 2,
     "with open(p) as fh:\n    cfg = json.loads(fh)\n", (2, "    cfg = json.load(fh)")),
    # json.dumps given a file to write to: json.dump
    ("TypeError", "dumps() takes 1 positional argument but 2 were given", 1, "json.dumps(data, out)\n",
     (1, "json.dump(data, out)")),
    # pickle's the same way round
    ("TypeError", "a bytes-like object is required, not '_io.BufferedReader'", 1, "d = pickle.loads(fh)\n",
     (1, "d = pickle.load(fh)")),
    # another library's loads (not json or pickle): nothing
    ("TypeError", "the JSON object must be str, bytes or bytearray, not TextIOWrapper", 1,
     "d = yaml.loads(fh)\n", None),
    # a sort key given as a column's name
    ("TypeError", "'str' object is not callable", 1, "best = max(trials, key='rt')\n",
     (1, "best = max(trials, key=lambda row: row['rt'])")),
    # a str called that is not a key (a variable shadowing a function): not this rule, nothing
    ("TypeError", "'str' object is not callable", 2, "label = 'x'\ny = label(3)\n", None),
    # sorted()'s keyword misspelt (Python names it sort())
    ("TypeError", "'reversed' is an invalid keyword argument for sort()", 1, "s = sorted(rts, reversed=True)\n",
     (1, "s = sorted(rts, reverse=True)")),
    # a keyword nothing close to: nothing
    ("TypeError", "'order' is an invalid keyword argument for sort()", 1, "s = sorted(rts, order=1)\n", None),
    # startswith given a list of alternatives: a tuple
    ("TypeError", "startswith first arg must be str or a tuple of str, not list", 1,
     "v = w.startswith(['a', 'e'])\n", (1, "v = w.startswith(('a', 'e'))")),
    # one alternative keeps its tuple comma
    ("TypeError", "endswith first arg must be str or a tuple of str, not list", 1, "v = w.endswith(['s'])\n",
     (1, "v = w.endswith(('s',))")),
    # isinstance with a list of types
    ("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union", 1,
     "ok = isinstance(x, [int, float])\n", (1, "ok = isinstance(x, (int, float))")),
    # round()'s digits inside numpy's mean (read as an axis)
    ("AxisError", "axis 3 is out of bounds for array of dimension 1", 1, "m = round(np.mean(rts, 3))\n",
     (1, "m = round(np.mean(rts), 3)")),
    # ... and inside statistics.mean (one argument only)
    ("TypeError", "mean() takes 1 positional argument but 2 were given", 1,
     "m = round(statistics.mean(rts, 2))\n", (1, "m = round(statistics.mean(rts), 2)")),
    # an axis really meant (a 2-D mean) with round given its own digits: nothing
    ("AxisError", "axis 2 is out of bounds for array of dimension 2", 1, "m = round(np.mean(a, 2), 3)\n", None),
    # a value not among those the message lists: the close one
    ("ValueError", "Invalid unit type 'pixels', must be one of: [None, '', 'pix', 'deg', 'norm', 'height']", 1,
     "r = visual.Rect(win, units='pixels')\n", (1, "r = visual.Rect(win, units='pix')")),
    # nothing listed close to it: nothing
    ("ValueError", "Invalid unit type 'inches', must be one of: [None, '', 'pix', 'deg', 'norm', 'height']", 1,
     "r = visual.Rect(win, units='inches')\n", None),
    # a setter given another attribute: set on its own line
    ("TypeError", "TextStim.setText() got an unexpected keyword argument 'color'", 2,
     "for w, c in pairs:\n    stim.setText(w, color=c)\n", (2, "    stim.setText(w)\n    stim.color = c")),
    # a setter's own log keyword is fine; an unexpected keyword of a non-setter: nothing here
    ("TypeError", "TextStim.draw() got an unexpected keyword argument 'color'", 1, "stim.draw(color='red')\n", None),
    # written after set 18 was measured:
    # keywords to a method that takes none: by position, in order
    ("TypeError", "dict.get() takes no keyword arguments", 1, "n = tally.get(k, default=0) + 1\n",
     (1, "n = tally.get(k, 0) + 1")),
    # ... pop's too
    ("TypeError", "dict.pop() takes no keyword arguments", 1, "v = d.pop('rt', default=None)\n",
     (1, "v = d.pop('rt', None)")),
    # keywords spread with **: nothing (which ones, in what order, is not on the line)
    ("TypeError", "dict.get() takes no keyword arguments", 1, "n = d.get(k, **opts)\n", None),
    # numpy's axis on a one-dimensional list: dropped (keyword)
    ("AxisError", "axis 1 is out of bounds for array of dimension 1", 1, "m = np.median(times, axis=1)\n",
     (1, "m = np.median(times)")),
    # ... by position, after the array
    ("AxisError", "axis 1 is out of bounds for array of dimension 1", 2, "import numpy as np\ns = np.std(rts, 1)\n",
     (2, "s = np.std(rts)")),
    # ... an array's own method given the axis
    ("AxisError", "axis 1 is out of bounds for array of dimension 1", 1, "s = arr.sum(1)\n", (1, "s = arr.sum()")),
    # the array has two dimensions (the axis is past them, which one was meant is not known): nothing
    ("AxisError", "axis 2 is out of bounds for array of dimension 2", 1, "m = np.mean(grid, axis=2)\n", None),
    # a builtin max around numpy's call is not the axis's call
    ("AxisError", "axis 1 is out of bounds for array of dimension 1", 1, "m = max(np.mean(a, axis=1), 2)\n",
     (1, "m = max(np.mean(a), 2)")),
    # written after set 19 was measured:
    # sort() given reverse by position
    ("TypeError", "sort() takes no positional arguments", 1, "times.sort(False)\n", (1, "times.sort(reverse=False)")),
    # ... and a key function by position
    ("TypeError", "sort() takes no positional arguments", 1, "rows.sort(len)\n", (1, "rows.sort(key=len)")),
    # sorted() (a function, takes the list by position): not this message, nothing
    ("TypeError", "sorted expected 1 argument, got 2", 1, "s = sorted(a, True)\n", None),
    # a plural-named keyword given one number: a list of it
    ("TypeError", "'int' object is not iterable", 1, "if m.isPressedIn(box, buttons=2):\n    pass\n",
     (1, "if m.isPressedIn(box, buttons=[2]):")),
    # a count looped over on the line: not this rule (type_rules' range)
    ("TypeError", "'int' object is not iterable", 1, "for t in n:\n    f(keys=1)\n", (1, "for t in range(n):")),
    # a singular keyword given a number: nothing
    ("TypeError", "'int' object is not iterable", 1, "x = pick(item=3)\n", None),
]


@pytest.mark.parametrize("error, message, line, source, expected", RULES)
def test_argument_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)
