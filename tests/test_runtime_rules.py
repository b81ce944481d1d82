"""The repairs read off a run's exception (server/sandbox/runtime_rules.py, through repair.runtime_fix), pure: on
strings, with the real API index where the checker's fix is the repair. Each case says which line changes to
what; the None cases are code the rule must leave alone (the mistake it reads is not there)."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix

WIN = "from psychopy import visual, core, event\nwin = visual.Window()\n"

# (error type, message, detail, line, source, (line changed, its new text) or None)
RULES = [
    # a standard module used without its import: added below the last import
    ("NameError", "name 'random' is not defined", {"name": "random"}, 3, WIN + "random.shuffle([1, 2])\n",
     (1, "from psychopy import visual, core, event\nimport random")),  # after the last import statement
    # numpy under its usual name
    ("NameError", "name 'np' is not defined", {"name": "np"}, 2, "x = 1\norder = np.arange(4)\n",
     (1, "import numpy as np\nx = 1")),
    # a name that is no module we know: nothing
    ("NameError", "name 'trialz' is not defined", {"name": "trialz"}, 3, WIN + "print(trialz)\n", None),
    # random.shuffle assigned: the call alone (same name)
    ("TypeError", "'NoneType' object is not iterable", {}, 3, "import random\nt = random.shuffle(t)\nfor x in t:\n"
     "    pass\n", (2, "random.shuffle(t)")),
    # list.sort assigned to another name: the call, then the name bound to the sorted list
    ("TypeError", "'NoneType' object is not subscriptable", {}, 3, "d = [3, 1]\ns = d.sort()\nprint(s[0])\n",
     (2, "d.sort()\ns = d")),
    # stim.draw() assigned back to the stimulus, indented in a loop
    ("AttributeError", "'NoneType' object has no attribute 'ori'", {}, 3,
     "for i in range(2):\n    stim = stim.draw()\n    stim.ori += 1\n", (2, "    stim.draw()")),
    # None from a call that is not in place (a function the user wrote): nothing to say
    ("TypeError", "'NoneType' object is not iterable", {}, 2, "t = make()\nfor x in t:\n    pass\n", None),
    # a float frame count: rounded inside range()
    ("TypeError", "'float' object cannot be interpreted as an integer", {}, 2,
     "d = 0.25\nfor f in range(d * 60):\n    pass\n", (2, "for f in range(round(d * 60)):")),
    # range(len(x)) is already a whole number: nothing to round
    ("TypeError", "'float' object cannot be interpreted as an integer", {}, 1, "for f in range(len(x)):\n    pass\n",
     None),
    # a number joined to text: str() around the number only
    ("TypeError", 'can only concatenate str (not "int") to str', {}, 1, "msg.text = 'Trial ' + n + ' of 3'\n",
     (1, "msg.text = 'Trial ' + str(n) + ' of 3'")),
    # + between numbers on that line: not a text join, nothing
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'NoneType'", {}, 1, "total = a + b\n", None),
    # the list of presses used as one press
    ("AttributeError", "'list' object has no attribute 'rt'", {}, 2,
     "keys = kb.waitKeys(keyList=['f'])\nrts.append(keys.rt)\n", (2, "rts.append(keys[0].rt)")),
    # a list that is not presses: nothing
    ("AttributeError", "'list' object has no attribute 'rt'", {}, 2, "keys = []\nrts.append(keys.rt)\n", None),
    # an attribute a KeyPress does not have: nothing
    ("AttributeError", "'list' object has no attribute 'colour'", {}, 2,
     "keys = kb.waitKeys()\nprint(keys.colour)\n", None),
    # unpacking a KeyPress
    ("TypeError", "cannot unpack non-iterable KeyPress object", {}, 2,
     "if True:\n    name, rt = kb.waitKeys()[0]\n", (2, "    press = kb.waitKeys()[0]\n    name, rt = press.name, press.rt")),
    # getKeys() indexed right away: wait for a press instead
    ("IndexError", "list index out of range", {}, 2, "keys = kb.getKeys(keyList=['space'])\nk = keys[0].name\n",
     (1, "keys = kb.waitKeys(keyList=['space'])")),
    # an IndexError on a list that did not come from getKeys: nothing
    ("IndexError", "list index out of range", {}, 2, "colours = ['red']\nc = colours[3]\n", None),
]


@pytest.mark.parametrize("error,message,detail,line,source,expected", RULES)
def test_rule(error, message, detail, line, source, expected):
    fix = runtime_fix(error, detail, line, source, None, message)
    got = (fix.line, fix.new_text) if fix else None
    assert got == expected
    if fix is not None:  # one line replaced, nothing else touched
        before, after = source.split("\n"), fix.apply(source).split("\n")
        added = fix.new_text.count("\n")
        assert before[:fix.line - 1] == after[:fix.line - 1]
        assert before[fix.line:] == after[fix.line + added:]


# the checker's fix on the line that raised, with the real signatures
CHECKER = [
    # an invented keyword of a real class: the checker's rename
    ("TypeError", "TextStim.__init__() got an unexpected keyword argument 'colour'", 3,
     WIN + "t = visual.TextStim(win, text='x', colour='red')\n", "t = visual.TextStim(win, text='x', color='red')"),
    # a visual class without its window
    ("TypeError", "Circle.__init__() missing 1 required positional argument: 'win'", 3,
     WIN + "c = visual.Circle(radius=0.1)\n", "c = visual.Circle(win, radius=0.1)"),
    # a TypeError on correct PsychoPy code (the user's own function): no checker fix to take
    ("TypeError", "f() takes 0 positional arguments but 1 was given", 4,
     WIN + "def f():\n    pass\nf(1)\n", None),
]


@pytest.mark.parametrize("error,message,line,source,expected", CHECKER)
def test_checker_fix_on_the_line_that_raised(api_index, error, message, line, source, expected):
    fix = runtime_fix(error, {}, line, source, api_index, message)
    assert (fix.new_text if fix else None) == expected
