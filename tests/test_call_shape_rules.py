"""The repairs for a call given its arguments in the wrong shape: a left-out PsychoPy argument its docs imply
and a keyword the function lacks given alone (runtime_rules, with the real API index), range() in fractional steps
(runtime_rules), several items where one collection goes and numbers in a path (argument_rules), and a result that can be None indexed in a condition (value_rules), through repair.runtime_fix,
pure: on strings. Each case is (exception, message, line, source, (line changed, its new text) or None); the None
cases are code the rules must leave alone. Written after debugging set 25 was measured (its failures); none of its
scripts is here."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix
from rule_helpers import check_rule

NONE_INDEXED = "'NoneType' object is not subscriptable"
ONE_ARG = "takes exactly one argument"

RULES = [
    # ---- range() in fractional steps ------------------------------------------------------------------------------
    ("TypeError", "'float' object cannot be interpreted as an integer", 2,
     "import numpy as np\nfor c in range(0, 1, 0.1):\n    pass\n", (2, "for c in np.arange(0, 1, 0.1):")),
    # a negative step of a fraction: the same
    ("TypeError", "'float' object cannot be interpreted as an integer", 2,
     "import numpy\nxs = list(range(1, 0, -0.25))\n", (2, "xs = list(numpy.arange(1, 0, -0.25))")),
    # a whole step and a fractional end: a count to round, not arange (round_count's older repair)
    ("TypeError", "'float' object cannot be interpreted as an integer", 1, "for i in range(0, n * 0.5, 1):\n    pass\n",
     (1, "for i in range(0, round(n * 0.5), 1):")),
    # ---- several items where one collection goes -------------------------------------------------------------------
    ("TypeError", "writer.writerow() takes exactly one argument (4 given)", 1, "w.writerow(i, word, rt, ok)\n",
     (1, "w.writerow([i, word, rt, ok])")),
    ("TypeError", "str.join() takes exactly one argument (2 given)", 1, "label = '-'.join(a, b)\n",
     (1, "label = '-'.join([a, b])")),
    # the items come unpacked: the list is already there
    ("TypeError", "writer.writerow() takes exactly one argument (2 given)", 1, "w.writerow(*row, extra)\n", None),
    # append takes one item, not a collection: whether a pair or two appends is meant is not said
    ("TypeError", "list.append() takes exactly one argument (2 given)", 1, "rts.append(rt, key)\n", None),
    # ---- numbers in a path ----------------------------------------------------------------------------------------
    ("TypeError", "join() argument must be str, bytes, or os.PathLike object, not 'int'", 2,
     "import os\np = os.path.join(folder, 'sub%d' % n, block, 'run.csv')\n",
     (2, "p = os.path.join(str(folder), 'sub%d' % n, str(block), 'run.csv')")),
    # another join (text's): not a path
    ("TypeError", "join() argument must be str, bytes, or os.PathLike object, not 'int'", 1,
     "p = sep.join(a, 2)\n", None),
    # ---- a result that can be None indexed in a condition -----------------------------------------------------------
    ("TypeError", NONE_INDEXED, 2, "keys = event.waitKeys(maxWait=2)\nwhile keys[0] != 'space':\n    pass\n",
     (2, "while keys and keys[0] != 'space':")),
    ("TypeError", NONE_INDEXED, 2, "r = kb.waitKeys(maxWait=1)\nif r[0].name == 'q' or r[0].rt > 2:\n    pass\n",
     (2, "if r and (r[0].name == 'q' or r[0].rt > 2):")),
    # indexed in an assignment: what the script should do with nothing is not said
    ("TypeError", NONE_INDEXED, 2, "keys = event.waitKeys(maxWait=2)\nfirst = keys[0]\n", None),
    # two names indexed in the test: which one is None is not known
    ("TypeError", NONE_INDEXED, 1, "if a[0] == b[0]:\n    pass\n", None),
]


@pytest.mark.parametrize("error,message,line,source,expected", RULES)
def test_call_shape_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)


HEAD = "from psychopy import visual, data, core\nwin = visual.Window()\nconds = [{'a': 1}]\n"  # lines 1-3

DOCUMENTED = [
    # a switch left out: on (autoDraw documented as True or False)
    ("MinimalStim.setAutoDraw() missing 1 required positional argument: 'value'", 5,
     "cross = visual.TextStim(win, text='+')\ncross.setAutoDraw()\n", (5, "cross.setAutoDraw(True)")),
    # the number of repeats left out: once
    ("TrialHandler.__init__() missing 1 required positional argument: 'nReps'", 4,
     "trials = data.TrialHandler(conds, method='sequential')\n",
     (4, "trials = data.TrialHandler(conds, 1, method='sequential')")),
    # a setter whose value is not a switch (a position): not implied by the docs
    ("MinimalStim.setPos() missing 1 required positional argument: 'value'", 5,
     "dot = visual.Circle(win)\ndot.setPos()\n", None),
    # a keyword the function does not have, given alone: its one required parameter, by position
    ("wait() got an unexpected keyword argument 'seconds'", 4, "core.wait(seconds=1)\n", (4, "core.wait(1)")),
    # a method of a stimulus (draw's window is optional): what color= meant is not the window
    ("TextStim.draw() got an unexpected keyword argument 'color'", 5,
     "stim = visual.TextStim(win)\nstim.draw(color='red')\n", None),
    # a positional argument given too: the keyword is some other parameter
    ("wait() got an unexpected keyword argument 'cpu'", 4, "core.wait(1, cpu=0.2)\n", None),
    # a class's argument of another kind (a list of conditions): not implied
    ("TrialHandler.__init__() missing 1 required positional argument: 'trialList'", 4,
     "trials = data.TrialHandler(nReps=2)\n", None),
]


@pytest.mark.parametrize("message,line,source,expected", DOCUMENTED)
def test_left_out_argument_the_docs_imply(api_index, message, line, source, expected):
    fix = runtime_fix("TypeError", {}, line, HEAD + source, api_index, message)
    assert ((fix.line, fix.new_text) if fix else None) == expected
