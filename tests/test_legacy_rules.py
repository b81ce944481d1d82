"""The repairs for code written for Python 2 or an older Python (server/sandbox/legacy_rules.py, through
repair.runtime_fix), pure: on strings. Each case says which line changes to what; the None cases are code the
rule must leave alone. Written after debugging set 14 was measured (its failures showed dict.iteritems and
time.clock); none of its scripts is here."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix
from rule_helpers import check_rule

LOOP = "counts = {'a': 1}\nfor side, n in counts.iteritems():\n    print(side, n)\n"

# (error type, message, line, source, (line changed, its new text) or None)
RULES = [
    # a Python 2 dict method in a loop: items(), and the print in the loop left as it is
    ("AttributeError", "'dict' object has no attribute 'iteritems'", 2, LOOP,
     (2, "for side, n in counts.items():")),
    # has_key (Python 2): `in`
    ("AttributeError", "'dict' object has no attribute 'has_key'", 1, "if counts.has_key(k):\n    pass\n",
     (1, "if k in counts:")),
    # xrange and raw_input (NameError)
    ("NameError", "name 'xrange' is not defined", 1, "for i in xrange(4):\n    pass\n", (1, "for i in range(4):")),
    ("NameError", "name 'raw_input' is not defined", 1, "name = raw_input('Name: ')\n",
     (1, "name = input('Name: ')")),
    # a Python 2 itertools function
    ("AttributeError", "module 'itertools' has no attribute 'izip'", 2,
     "import itertools\nfor a, b in itertools.izip(xs, ys):\n    pass\n", (2, "for a, b in zip(xs, ys):")),
    # string.letters / lowercase (not among 2to3's fixers)
    ("AttributeError", "module 'string' has no attribute 'lowercase'", 1, "c = random.choice(string.lowercase)\n",
     (1, "c = random.choice(string.ascii_lowercase)")),
    # another missing attribute of string: not a Python 2 constant, nothing
    ("AttributeError", "module 'string' has no attribute 'vowels'", 1, "v = string.vowels\n", None),
    # time.clock (removed in 3.8)
    ("AttributeError", "module 'time' has no attribute 'clock'", 2, "import time\nt0 = time.clock()\n",
     (2, "t0 = time.perf_counter()")),
    # a name 2to3 does not know (a typo): nothing here (other rules may read it)
    ("NameError", "name 'stimm' is not defined", 2, "import os\nstimm.draw()\n", None),
    # a dict read as an object: not Python 2, the key (runtime_rules), not a 2to3 rewrite
    ("AttributeError", "'dict' object has no attribute 'word'", 1, "text = trial.word\n",
     (1, "text = trial['word']")),
    # a line 2to3 would change for another reason, while the missing name stays: nothing from 2to3
    ("NameError", "name 'lst' is not defined", 1, "first = d.keys()[0] + lst[0]\n", None),
    # a Python 2 module imported under an alias: the import renamed, the alias (and its uses) kept
    ("ModuleNotFoundError", "No module named 'cPickle'", 1, "import cPickle as pickle\ndata = pickle.load(f)\n",
     (1, "import pickle")),
    # a name from a Python 2 module
    ("ModuleNotFoundError", "No module named 'Tkinter'", 1, "from Tkinter import Tk\nroot = Tk()\n",
     (1, "from tkinter import Tk")),
    # a module that is simply not installed (a Python 3 name): nothing to rename
    ("ModuleNotFoundError", "No module named 'pandas'", 1, "import pandas as pd\n", None),
    # Python 2's print to a file, inside a loop
    ("TypeError", "unsupported operand type(s) for >>: 'builtin_function_or_method' and '_io.TextIOWrapper'. "
     "Did you mean \"print(<message>, file=<output_stream>)\"?", 2, "for t in ts:\n    print >>log, t, rt\n",
     (2, "    print(t, rt, file=log)")),
    # a shift of a function that is not print: nothing
    ("TypeError", "unsupported operand type(s) for >>: 'builtin_function_or_method' and 'int'", 1,
     "x = len >> 2\n", None),
    # the string module's removed functions: the str method of the first argument
    ("AttributeError", "module 'string' has no attribute 'upper'", 2, "import string\nw = string.upper(word)\n",
     (2, "w = word.upper()")),
    # an expression as the first argument is parenthesised
    ("AttributeError", "module 'string' has no attribute 'replace'", 2,
     "import string\nw = string.replace(a + b, 'x', 'y')\n", (2, "w = (a + b).replace('x', 'y')")),
    # join: the separator (a space when none was given, as in Python 2) joins the words
    ("AttributeError", "module 'string' has no attribute 'join'", 2, "import string\ns = string.join(words)\n",
     (2, "s = ' '.join(words)")),
    ("AttributeError", "module 'string' has no attribute 'join'", 2,
     "import string\ns = string.join(words, ',')\n", (2, "s = ','.join(words)")),
    # atoi: int()
    ("AttributeError", "module 'string' has no attribute 'atoi'", 2, "import string\nn = string.atoi(text)\n",
     (2, "n = int(text)")),
]


@pytest.mark.parametrize("error, message, line, source, expected", RULES)
def test_legacy_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)


def test_reduce_comes_with_its_import():
    # reduce moved to functools: the line is kept, the import 2to3 adds is the fix
    source = "import random\ntotal = reduce(lambda a, b: a + b, rts)\n"
    fix = runtime_fix("NameError", {}, 2, source, None, "name 'reduce' is not defined")
    assert fix.apply(source) == "import random\nfrom functools import reduce\n" \
        "total = reduce(lambda a, b: a + b, rts)\n"


def test_a_removed_function_in_a_new_module_brings_its_import():
    source = "import cgi\nsafe = cgi.escape(name)\n"
    fix = runtime_fix("AttributeError", {}, 2, source, None, "module 'cgi' has no attribute 'escape'")
    assert fix.new_text == "safe = html.escape(name)" and "import html" in fix.apply(source)


def test_syntax_2to3_cannot_read_offers_nothing_and_does_not_raise():
    # a match statement (3.10) is beyond lib2to3's grammar: no fix, no exception
    source = "match mode:\n    case 'a':\n        pass\nfor i in xrange(3):\n    pass\n"
    assert runtime_fix("NameError", {}, 4, source, None, "name 'xrange' is not defined") is None


def test_a_python2_module_is_renamed_where_the_script_uses_it():
    # no alias: the import and every line that names the module change, in one fix
    source = "import cPickle\nrts = [0.4]\nblob = cPickle.dumps(rts)\n"
    fix = runtime_fix("ModuleNotFoundError", {}, 1, source, None, "No module named 'cPickle'")
    assert fix.apply(source) == "import pickle\nrts = [0.4]\nblob = pickle.dumps(rts)\n"
