"""The repairs for positions past the end, words used as positions and divisions by nothing
(server/sandbox/index_rules.py), None in arithmetic, key lists read as numbers, formats short of values
(value_rules.py), text summed (collecting_rules.py), zip() of one list (container_rules.py) and imports of more
standard modules (runtime_rules.py), through repair.runtime_fix, pure: on strings. Each case is (exception,
message, line, source, (line changed, its new text) or None); the None cases are code the rules must leave alone.
Written after debugging set 24 was measured (its failures); none of its scripts is here."""

from __future__ import annotations

import pytest

from rule_helpers import check_rule

RANGE = "list index out of range"

RULES = [
    # ---- randint includes its end ---------------------------------------------------------------------------------
    ("IndexError", RANGE, 2, "import random\nshape = shapes[random.randint(0, len(shapes))]\n",
     (2, "shape = shapes[random.randint(0, len(shapes) - 1)]")),
    # numpy's randint excludes its end: the mistake is elsewhere
    ("IndexError", RANGE, 1, "x = items[np.random.randint(0, len(items))]\n", None),
    # ---- enumerate from 1 used as a position ----------------------------------------------------------------------
    ("IndexError", RANGE, 2, "for i, w in enumerate(words, start=1):\n    print(i, sizes[i])\n",
     (2, "    print(i, sizes[i - 1])")),
    # enumerate from 0: the position is right, another mistake
    ("IndexError", RANGE, 2, "for i, w in enumerate(words):\n    print(sizes[i])\n", None),
    # ---- more pops than items -------------------------------------------------------------------------------------
    ("IndexError", "pop from empty list", 3, "deck = [1, 2, 3]\nfor t in range(n_trials):\n    card = deck.pop(0)\n",
     (2, "for t in range(len(deck)):")),
    # the loop refills the list: the count is not the list's length
    ("IndexError", "pop from empty list", 4,
     "deck = [1, 2]\nfor t in range(9):\n    deck.append(t)\n    deck.pop()\n", None),
    # ---- a list indexed by words ----------------------------------------------------------------------------------
    ("TypeError", "list indices must be integers or slices, not str", 4,
     "import random\ncols = ['red', 'blue']\nside = random.choice(['up', 'down'])\ny = cols[side]\n",
     (2, "cols = {'up': 'red', 'down': 'blue'}")),
    # words of another number than the list's items: which goes with which is not known
    ("TypeError", "list indices must be integers or slices, not str", 3,
     "xs = [-1, 0, 1]\nfor side in ['left', 'right']:\n    x = xs[side]\n", None),
    # the words' own list indexed by its words: the item itself (type_rules), not a dict
    ("TypeError", "list indices must be integers or slices, not str", 3,
     "words = ['a', 'b']\nfor w in words:\n    print(words[w])\n", (3, "    print(w)")),
    # ---- division by nothing --------------------------------------------------------------------------------------
    ("ZeroDivisionError", "division by zero", 1, "acc = hits / (hits + misses)\n",
     (1, "acc = hits / (hits + misses) if (hits + misses) else float('nan')")),
    ("ZeroDivisionError", "division by zero", 1, "print('mean', total / n)\n",
     (1, "print('mean', (total / n if n else float('nan')))")),
    # two divisions: which one is by zero is not known
    ("ZeroDivisionError", "division by zero", 1, "r = a / len(x) + b / len(y)\n", None),
    # ---- None in arithmetic ---------------------------------------------------------------------------------------
    ("TypeError", "unsupported operand type(s) for -: 'NoneType' and 'float'", 2,
     "rt = clock.getTime() if keys else None\nlate = rt - deadline\n",
     (2, "late = rt - deadline if rt is not None else None")),
    # a None the script never sets (a function that forgot to return): not this rule
    ("TypeError", "unsupported operand type(s) for *: 'NoneType' and 'int'", 1, "ms = get_rt() * 1000\n", None),
    # ---- the key list read as a number ----------------------------------------------------------------------------
    ("TypeError", "float() argument must be a string or a real number, not 'list'", 2,
     "k = kb.waitKeys(keyList=['1', '2'])\nx = float(k)\n", (2, "x = float(k[0])")),
    # some other list: not a key press
    ("TypeError", "int() argument must be a string, a bytes-like object or a real number, not 'list'", 1,
     "n = int(parts)\n", None),
    # ---- a format short of values ---------------------------------------------------------------------------------
    ("IndexError", "Replacement index 2 out of range for positional args tuple", 2,
     "for block, word, ink in plan:\n    msg = '{} {} {}'.format(block)\n",
     (2, "    msg = '{} {} {}'.format(block, word, ink)")),
    # the loop has more names than are missing: which ones is not known
    ("IndexError", "Replacement index 1 out of range for positional args tuple", 2,
     "for a, b, c in plan:\n    msg = '{0} {1}'.format(a)\n", None),
    # ---- text summed ----------------------------------------------------------------------------------------------
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", 5,
     "scores = []\nfor row in rows:\n    cells = row.split(';')\n    scores.append(cells[2])\nprint(sum(scores))\n",
     (4, "    scores.append(float(cells[2]))")),
    # numbers already: the text comes from elsewhere
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", 3,
     "scores = []\nscores.append(int(x))\nprint(sum(scores))\n", None),
    # ---- zip of one list ------------------------------------------------------------------------------------------
    ("ValueError", "not enough values to unpack (expected 2, got 1)", 4,
     "names = ['a', 'b']\ncolours = ['red', 'blue']\nxs = [1, 2]\nfor name, colour in zip(names):\n    pass\n",
     (4, "for name, colour in zip(names, colours):")),
    # two lists fit and neither is named after the loop's name: nothing
    ("ValueError", "not enough values to unpack (expected 2, got 1)", 4,
     "names = ['a', 'b']\nreds = [1, 2]\nxs = [1, 2]\nfor name, colour in zip(names):\n    pass\n", None),
    # ---- more standard modules used unimported --------------------------------------------------------------------
    ("NameError", "name 'statistics' is not defined", 2, "import os\nm = statistics.mean(rts)\n",
     (1, "import os\nimport statistics")),
    ("NameError", "name 'pd' is not defined", 2, "import os\ndf = pd.read_csv('a.csv')\n",
     (1, "import os\nimport pandas as pd")),
    # ---- a number made text and then formatted as a number --------------------------------------------------------
    ("ValueError", "Unknown format code 'f' for object of type 'str'", 1, "t = '{:.1f}'.format(str(acc))\n",
     (1, "t = '{:.1f}'.format(acc)")),
]


@pytest.mark.parametrize("error,message,line,source,expected", RULES)
def test_index_and_value_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)
