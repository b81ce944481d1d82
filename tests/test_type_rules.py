"""The repairs for a value of the wrong type (server/sandbox/type_rules.py, through repair.runtime_fix), pure: on
strings. Each case says which line changes to what; the None cases are code the rule must leave alone (the
message is not about the value the rule would change, or the code shows no safe change). Written before
debugging set 11 was measured; none of its scripts is here."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix
from rule_helpers import check_rule

# (error type, message, line, source, (line changed, its new text) or None)
RULES = [
    # a tuple display changed in place: its binding becomes a list display
    ("TypeError", "'tuple' object does not support item assignment", 2, "rgb = (0, 0, 1)\nrgb[2] = 0.5\n",
     (1, "rgb = [0, 0, 1]")),
    # a tuple written without parentheses: a list display too
    ("TypeError", "'tuple' object does not support item assignment", 2, "rgb = 0, 0, 1\nrgb[2] = 0.5\n",
     (1, "rgb = [0, 0, 1]")),
    # a string shuffled: list() where it is made
    ("TypeError", "'str' object does not support item assignment", 3,
     "import random\nseq = 'LLRR'\nrandom.shuffle(seq)\n", (2, "seq = list('LLRR')")),
    # range() shuffled, the binding indented in a function
    ("TypeError", "'range' object does not support item assignment", 3,
     "def run(n):\n    idx = range(n)\n    np.random.shuffle(idx)\n", (2, "    idx = list(range(n))")),
    # a parameter (no binding in the script): made a list on the line above
    ("TypeError", "'tuple' object does not support item assignment", 2,
     "def f(pos):\n    pos[0] = 1\n", (2, "    pos = list(pos)\n    pos[0] = 1")),
    # a list's item assigned where the list is a dict value (dict item assignment is fine): not this message
    ("TypeError", "'dict' object does not support item assignment", 2, "d = {}\nd['a'] = 1\n", None),
    # an empty string used to collect answers: an empty list
    ("AttributeError", "'str' object has no attribute 'append'", 3,
     "answers = ''\nk = 'f'\nanswers.append(k)\n", (1, "answers = []")),
    # a tuple collecting values
    ("AttributeError", "'tuple' object has no attribute 'append'", 2, "rts = ()\nrts.append(0.4)\n",
     (1, "rts = []")),
    # a str method that does not exist, but not a list's: nothing (a different mistake)
    ("AttributeError", "'str' object has no attribute 'lenght'", 2, "w = 'x'\nn = w.lenght\n", None),
    # dict keys indexed: list() around the view
    ("TypeError", "'dict_keys' object is not subscriptable", 2, "d = {'a': 1}\nfirst = d.keys()[0]\n",
     (2, "first = list(d.keys())[0]")),
    # a zip bound to a name, then indexed: list() where it is made
    ("TypeError", "'zip' object is not subscriptable", 2, "pairs = zip(a, b)\nprint(pairs[0])\n",
     (1, "pairs = list(zip(a, b))")),
    # a dict view handed to random.choice
    ("TypeError", "'dict_items' object is not subscriptable", 1, "k, v = random.choice(pairs.items())\n",
     (1, "k, v = random.choice(list(pairs.items()))")),
    # a number looped over
    ("TypeError", "'int' object is not iterable", 2, "n = 3\nfor t in n:\n    pass\n", (2, "for t in range(n):")),
    # a call looped over (a function returning a number): no safe change
    ("TypeError", "'int' object is not iterable", 1, "for t in count():\n    pass\n", None),
    # len() of a count
    ("TypeError", "object of type 'int' has no len()", 2, "blocks = 4\nfor b in range(len(blocks)):\n    pass\n",
     (2, "for b in range(blocks):")),
    # a float index from /
    ("TypeError", "list indices must be integers or slices, not float", 1, "mid = xs[len(xs) / 2]\n",
     (1, "mid = xs[len(xs) // 2]")),
    # a float index that is a name: int()
    ("TypeError", "list indices must be integers or slices, not float", 1, "c = colours[pick]\n",
     (1, "c = colours[int(pick)]")),
    # a slice with float bounds: a different repair (not an index); nothing
    ("TypeError", "slice indices must be integers or None or have an __index__ method", 1, "h = xs[:n / 2]\n",
     None),
    # a csv.reader row read by column name: DictReader
    ("TypeError", "list indices must be integers or slices, not str", 3,
     "import csv\nfor row in csv.reader(open('c.csv')):\n    w = row['word']\n",
     (2, "for row in csv.DictReader(open('c.csv')):")),
    # the header skipped with next(): DictReader would skip a data row too, nothing
    ("TypeError", "list indices must be integers or slices, not str", 4,
     "import csv\nr = csv.reader(open('c.csv'))\nnext(r)\nfor row in r:\n    w = row['word']\n", None),
    # a list indexed by its own items inside a loop over it
    ("TypeError", "list indices must be integers or slices, not str", 3,
     "words = ['a', 'b']\nfor w in words:\n    print(words[w])\n", (3, "    print(w)")),
    # the same with dicts as the items (conditions[trial] in `for trial in conditions`)
    ("TypeError", "list indices must be integers or slices, not dict", 3,
     "conds = [{'w': 'a'}]\nfor c in conds:\n    t = conds[c]['w']\n", (3, "    t = c['w']")),
    # a dict index that is not the loop's item: nothing
    ("TypeError", "list indices must be integers or slices, not dict", 2, "d = {'a': 1}\nx = items[d]\n", None),
    # a list called
    ("TypeError", "'list' object is not callable", 2, "stims = [a, b]\nstims(0).draw()\n", (2, "stims[0].draw()")),
    # a function called that returns a list (no list display bound to the name): nothing
    ("TypeError", "'list' object is not callable", 1, "make()(0)\n", None),
    # a list of numbers scaled by a float
    ("TypeError", "can't multiply sequence by non-int of type 'float'", 2, "size = [0.1, 0.2]\nbig = size * 2.5\n",
     (2, "big = [v * 2.5 for v in size]")),
    # text repeated by a float: not a list of numbers to scale; the count made whole (whole_repeat, set 15)
    ("TypeError", "can't multiply sequence by non-int of type 'float'", 1, "line = '-' * width\n",
     (1, "line = '-' * int(width)")),
    # dicts sorted with no key: the one numeric key
    ("TypeError", "'<' not supported between instances of 'dict' and 'dict'", 2,
     "ts = [{'w': 'a', 'n': 2}, {'w': 'b', 'n': 1}]\nts.sort()\n", (2, "ts.sort(key=lambda item: item['n'])")),
    # sorted() of dicts
    ("TypeError", "'<' not supported between instances of 'dict' and 'dict'", 2,
     "ts = [{'w': 'a', 'n': 2}, {'w': 'b', 'n': 1}]\nts = sorted(ts)\n",
     (2, "ts = sorted(ts, key=lambda item: item['n'])")),
    # two numeric keys: which one is meant is not said, nothing
    ("TypeError", "'<' not supported between instances of 'dict' and 'dict'", 2,
     "ts = [{'a': 1, 'n': 2}, {'a': 2, 'n': 1}]\nts.sort()\n", None),
    # a dict passed to format() with named fields
    ("KeyError", "'word'", 2, "t = {'word': 'RED'}\nmsg = 'The word {word}'.format(t)\n",
     (2, "msg = 'The word {word}'.format(**t)")),
    # named fields, but the missing key is another one (read elsewhere on the line): nothing
    ("KeyError", "'colour'", 2, "t = {'word': 'RED'}\nmsg = '{word}'.format(t) + t['colour']\n", None),
    # a named field given its value by position: the value named
    ("KeyError", "'rt'", 2, "rt = clock.getTime()\nmsg = 'RT {rt:.3f}'.format(rt)\n",
     (2, "msg = 'RT {rt:.3f}'.format(rt=rt)")),
    # two named fields, two values by position: named in order
    ("KeyError", "'trial'", 1, "msg = '{trial}: {rt}'.format(n, t)\n", (1, "msg = '{trial}: {rt}'.format(trial=n, rt=t)")),
    # a loop's dict given to one named field: its items with **
    ("KeyError", "'word'", 2, "for trial in trials:\n    msg = '{word}'.format(trial)\n",
     (2, "    msg = '{word}'.format(**trial)")),
    # an array's mean called on a list, numpy imported: numpy's function, the arguments kept
    ("AttributeError", "'list' object has no attribute 'mean'", 3,
     "import numpy as np\nrts = []\nm = rts.mean(axis=0)\n", (3, "m = np.mean(rts, axis=0)")),
    # max of a list without numpy: the builtin
    ("AttributeError", "'list' object has no attribute 'max'", 2, "rts = []\nm = rts.max()\n", (2, "m = max(rts)")),
    # an iterator measured with len(): a list where it is made
    ("TypeError", "object of type 'itertools.product' has no len()", 3,
     "import itertools\nconds = itertools.product(a, b)\nn = len(conds)\n",
     (2, "conds = list(itertools.product(a, b))")),
    # a generator indexed: a list where it is made
    ("TypeError", "'generator' object is not subscriptable", 2, "sq = (x * x for x in xs)\nfirst = sq[0]\n",
     (1, "sq = list((x * x for x in xs))")),
    # len() of a number is not an iterator's: the count itself (count_not_len), not list()
    ("TypeError", "object of type 'int' has no len()", 2, "n = 3\nk = len(n)\n", (2, "k = n")),
    # {:d} of a float: .0f
    ("ValueError", "Unknown format code 'd' for object of type 'float'", 1, "t = 'Score: {:d}%'.format(p)\n",
     (1, "t = 'Score: {:.0f}%'.format(p)")),
    # an f-string's d with a width
    ("ValueError", "Unknown format code 'd' for object of type 'float'", 1, "t = f'{p:3d}%'\n", (1, "t = f'{p:3.0f}%'")),
    # two d fields: which one is the float is not said, nothing
    ("ValueError", "Unknown format code 'd' for object of type 'float'", 1, "t = '{:d}/{:d}'.format(a, b)\n", None),
    # numpy positions compared in an if: every element
    ("ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()", 1,
     "if a.pos == b.pos:\n    pass\n", (1, "if (a.pos == b.pos).all():")),
    # != : any element differs
    ("ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()", 1,
     "while probe.pos != target:\n    pass\n", (1, "while (probe.pos != target).any():")),
    # a threshold on an array: any or all is the author's choice, nothing
    ("ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()", 1,
     "if rts > 2.0:\n    pass\n", None),
    # positional fields: the KeyError is about something else, nothing
    ("KeyError", "'word'", 2, "t = {'w': 1}\nmsg = '{} {}'.format(t['word'], 2)\n", None),
    # numpy mean of text
    ("TypeError", "cannot perform reduce with flexible type", 1, "m = np.mean(rts)\n",
     (1, "m = np.mean([float(v) for v in rts])")),
    # the mean of a list written by hand
    ("TypeError", "unsupported operand type(s) for /: 'list' and 'int'", 1, "mean = rts / len(rts)\n",
     (1, "mean = sum(rts) / len(rts)")),
    # a list divided by something else: nothing (which number is meant is not said)
    ("TypeError", "unsupported operand type(s) for /: 'list' and 'int'", 1, "ms = rts / 1000\n", None),
    # a number added to text read from a file
    ("TypeError", 'can only concatenate str (not "float") to str', 2, "x = parts[1]\ny = x + 0.5\n",
     (2, "y = float(x) + 0.5")),
    # text joined to text and a number: a join (str_concat's str()), not float()
    ("TypeError", 'can only concatenate str (not "int") to str', 1, "s = 'n=' + n\n", (1, "s = 'n=' + str(n)")),
    # a number written to a file
    ("TypeError", "write() argument must be str, not float", 1, "f.write(rt)\n", (1, "f.write(str(rt))")),
    # numbers joined
    ("TypeError", "sequence item 1: expected str instance, float found", 1, "line = ','.join(row)\n",
     (1, "line = ','.join(map(str, row))")),
    # (written after debugging set 14 was measured; none of its scripts)
    # several values given to write(): one comma-separated line
    ("TypeError", "TextIOWrapper.write() takes exactly one argument (2 given)", 1, "log.write(trial, rt)\n",
     (1, 'log.write(f"{trial},{rt}\\n")')),
    # values holding both kinds of quote: a join instead of an f-string
    ("TypeError", "TextIOWrapper.write() takes exactly one argument (2 given)", 1, "f.write(d['a'], \"x\")\n",
     (1, "f.write(','.join(map(str, (d['a'], \"x\"))) + '\\n')")),
    # one value: not this message's mistake (another rule reads 'must be str'), nothing here
    ("TypeError", "TextIOWrapper.write() takes exactly one argument (0 given)", 1, "f.write()\n", None),
    # digits given to str(): rounded first
    ("TypeError", "str() argument 'encoding' must be str, not int", 1, "s = 'RT ' + str(rt, 3)\n",
     (1, "s = 'RT ' + str(round(rt, 3))")),
    # str(bytes, 'utf-8') is a real encoding: this message never comes from it; a text second argument is left
    ("TypeError", "str() argument 'encoding' must be str, not int", 1, "s = str(raw, 'utf-8')\n", None),
    # (written after debugging set 15 was measured; none of its scripts)
    # text repeated a float number of times
    ("TypeError", "can't multiply sequence by non-int of type 'float'", 1, "bar = '=' * (p * 30)\n",
     (1, "bar = '=' * int(p * 30)")),
    # a str method spelled as another language spells it: the one close method
    ("AttributeError", "'str' object has no attribute 'lowercase'", 1, "ok = key == word.lowercase()\n",
     (1, "ok = key == word.lower()")),
    # a dict method misspelled (called): the method, not a key
    ("AttributeError", "'dict' object has no attribute 'valuess'", 1, "for v in d.valuess():\n    pass\n",
     (1, "for v in d.values():")),
    # no str method close to the name: nothing (Python itself had no suggestion either)
    ("AttributeError", "'str' object has no attribute 'shout'", 1, "loud = word.shout()\n", None),
    # a list of words repeated a float number of times: not text written in the line, nothing
    ("TypeError", "can't multiply sequence by non-int of type 'float'", 2, "words = ['a', 'b']\nx = words * n\n",
     None),
    # written after set 18 was measured:
    # a str reversed with the list's method, the result used: the reversed copy
    ("AttributeError", "'str' object has no attribute 'reverse'", 2, "for w in words:\n    shown = w.reverse()\n",
     (2, "    shown = w[::-1]")),
    # ... as a statement: the name rebound to the copy
    ("AttributeError", "'str' object has no attribute 'reverse'", 1, "label.reverse()\n", (1, "label = label[::-1]")),
    # a str sorted with sort(): the sorted letters joined
    ("AttributeError", "'str' object has no attribute 'sort'", 1, "letters = word.sort()\n",
     (1, "letters = ''.join(sorted(word))")),
    # a tuple sorted: a sorted tuple
    ("AttributeError", "'tuple' object has no attribute 'sort'", 1, "order = sizes.sort()\n",
     (1, "order = tuple(sorted(sizes))")),
    # sort(key=...) on a tuple: make_list's (the tuple made a list where it is made)
    ("AttributeError", "'tuple' object has no attribute 'sort'", 2, "sizes = (3, 1)\nsizes.sort(key=abs)\n",
     (1, "sizes = [3, 1]")),
    # sets joined with +: their union
    ("TypeError", "unsupported operand type(s) for +: 'set' and 'set'", 1, "keys = go_keys + stop_keys\n",
     (1, "keys = go_keys | stop_keys")),
    # dicts joined with +: merged with |
    ("TypeError", "unsupported operand type(s) for +: 'dict' and 'dict'", 1, "row = dict(info) + trial\n",
     (1, "row = dict(info) | trial")),
    # ... added to in place
    ("TypeError", "unsupported operand type(s) for +=: 'set' and 'set'", 1, "seen += {key}\n", (1, "seen |= {key}")),
    # two + on the line: which one is not known, nothing
    ("TypeError", "unsupported operand type(s) for +: 'set' and 'set'", 1, "k = a + b + c\n", None),
    # float() given digits: round what it makes
    ("TypeError", "float expected at most 1 argument, got 2", 1, "d = float(parts[1], 2)\n",
     (1, "d = round(float(parts[1]), 2)")),
    # float() of a string given a second value that is text: nothing (not digits)
    ("TypeError", "float expected at most 1 argument, got 2", 1, "d = float(x, 'utf-8')\n", None),
    # written after set 19 was measured:
    # a number where str.replace takes text
    ("TypeError", "replace() argument 2 must be str, not int", 1, "msg = t.replace('{n}', n + 1)\n",
     (1, "msg = t.replace('{n}', str(n + 1))")),
    # ... a float given to str.join's cousin, ljust's fill: not argument text of this form, nothing
    ("TypeError", "The fill character must be exactly one character long", 1, "s = w.ljust(5, 0)\n", None),
    # one dict in parentheses looped over as a list: the dict in a list
    ("TypeError", "string indices must be integers, not 'str'", 3,
     "conds = ({'w': 'RED', 'c': 'blue'})\nfor c in conds:\n    print(c['w'])\n",
     (1, "conds = [{'w': 'RED', 'c': 'blue'}]")),
    # ... without parentheses
    ("TypeError", "string indices must be integers, not 'str'", 3,
     "block = {'n': 3}\nfor b in block:\n    total += b['n']\n", (1, "block = [{'n': 3}]")),
    # a list of str looped over and indexed by key: not a dict, nothing
    ("TypeError", "string indices must be integers, not 'str'", 3,
     "words = ['a', 'b']\nfor w in words:\n    print(w['x'])\n", None),
]


@pytest.mark.parametrize("error,message,line,source,expected", RULES)
def test_type_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)


def test_a_lists_mean_without_numpy_is_the_statistics_modules():
    source = "import os\nrts = [0.4, 0.5]\nm = rts.mean()\n"
    fix = runtime_fix("AttributeError", {}, 3, source, None, "'list' object has no attribute 'mean'")
    assert fix.apply(source) == "import os\nimport statistics\nrts = [0.4, 0.5]\nm = statistics.mean(rts)\n"
