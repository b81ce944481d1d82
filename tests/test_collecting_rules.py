"""The repairs for collections built up the way they cannot be, text changed as if it were a list, in-place
results and single numbers used as lists, text given to number formats and positions, and rows written to files
(server/sandbox/collecting_rules.py, text_rules.py, value_rules.py, library_rules.py, type_rules.py, through
repair.runtime_fix), pure: on strings. Each case is (exception, message, line, source, (line changed, its new
text) or None); the None cases are code the rules must leave alone. Written after debugging set 23 was measured
(its failures); none of its scripts is here."""

from __future__ import annotations

import pytest

from rule_helpers import check_rule

RULES = [
    # ---- collecting_rules: a dict's list added to before the key exists -----------------------------------------
    ("KeyError", "'left'", 3, "rts = {}\nfor side, rt in data:\n    rts[side].append(rt)\n",
     (3, "    rts.setdefault(side, []).append(rt)")),
    # a set per key: set()
    ("KeyError", "'a'", 2, "seen = {}\nseen[block].add(key)\n", (2, "seen.setdefault(block, set()).add(key)")),
    # a count started before its key exists
    ("KeyError", "'f'", 2, "counts = {}\ncounts[key] += 1\n", (2, "counts[key] = counts.get(key, 0) + 1")),
    # the count written out in full
    ("KeyError", "'f'", 2, "counts = {}\ncounts[key] = counts[key] + 1\n",
     (2, "counts[key] = counts.get(key, 0) + 1")),
    # text gathered per key: starts from ''
    ("KeyError", "2", 2, "typed = dict()\ntyped[trial] += 'x'\n", (2, "typed[trial] = typed.get(trial, '') + 'x'")),
    # a dict written with its keys (or one the script never binds): a key really missing, no default hides it
    ("KeyError", "'x'", 2, "counts = {'a': 0}\ncounts[key] += 1\n", None),
    ("KeyError", "'x'", 1, "groups[key].append(w)\n", None),
    # a key read where nothing is added to it: not this rule (a read of a missing key is another mistake)
    ("KeyError", "'rt'", 1, "print(trial['rt'])\n", None),
    # a key removed that may not be there
    ("KeyError", "'notes'", 1, "settings.pop('notes')\n", (1, "settings.pop('notes', None)")),
    ("KeyError", "'notes'", 1, "del settings['notes']\n", (1, "settings.pop('notes', None)")),
    # pop with a default already: not this rule
    ("KeyError", "'x'", 1, "settings.pop('notes', None)[k]\n", None),
    # ---- an empty list filled by position ------------------------------------------------------------------------
    ("IndexError", "list assignment index out of range", 3,
     "answers = list()\nfor i in range(4):\n    answers[i] = get(i)\n", (3, "    answers.append(get(i))")),
    # a list made the right length and indexed past its end: not an empty list, not this rule
    ("IndexError", "list assignment index out of range", 2, "rts = [None] * 3\nrts[3] = 0.5\n", None),
    # ---- one item added with extend / += ------------------------------------------------------------------------
    ("TypeError", "'float' object is not iterable", 2, "rts = []\nrts.extend(clock.getTime())\n",
     (2, "rts.append(clock.getTime())")),
    ("TypeError", "'float' object is not iterable", 3, "rts = []\nrt = 0.4\nrts += rt\n", (3, "rts.append(rt)")),
    # a set's update with one item: add
    ("TypeError", "'int' object is not iterable", 2, "used = set()\nused.update(n)\n", (2, "used.add(n)")),
    # update on a dict (not a set) with one value: not this rule
    ("TypeError", "'int' object is not iterable", 2, "info = {}\ninfo.update(n)\n", None),
    # extend given a list display: right code, the error is elsewhere
    ("TypeError", "'int' object is not iterable", 1, "rts.extend([1, 2])\n", None),
    # ---- a dict summed ------------------------------------------------------------------------------------------
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", 2,
     "points = dict(a=1, b=2)\nbest = max(points) + sum(points)\n", (2, "best = max(points) + sum(points.values())")),
    # a dict sorted by a key that is no function (another mistake): sorting a dict's keys is right, not this rule
    ("TypeError", "dict.values() takes no arguments (1 given)", 2,
     "s = {'a': 1}\norder = sorted(s, key=s.values)\n", (2, "order = sorted(s, key=s.get)")),
    # numpy's mean: a list of the values
    ("TypeError", "unsupported operand type(s) for /: 'dict' and 'int'", 2,
     "rts = {'a': 0.4}\nm = np.mean(rts)\n", (2, "m = np.mean(list(rts.values()))")),
    # a list summed (the dict is elsewhere): not this rule
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", 2, "d = {}\ns = sum(items)\n", None),
    # ---- text_rules: a word changed as if it were a list -----------------------------------------------------------
    ("AttributeError", "'str' object has no attribute 'remove'", 2, "name = 'ANNA'\nname.remove(letter)\n",
     (2, "name = name.replace(letter, '', 1)")),
    ("AttributeError", "'str' object has no attribute 'insert'", 2, "w = 'at'\nw.insert(0, 'c')\n",
     (2, "w = 'c' + w[0:]")),
    ("AttributeError", "'str' object has no attribute 'pop'", 3, "typed = 'abc'\nif k == 'backspace':\n    typed.pop()\n",
     (3, "    typed = typed[:-1]")),
    ("AttributeError", "'str' object has no attribute 'clear'", 1, "typed.clear()\n", (1, "typed = ''")),
    # a letter added to a word that is shown as text: +
    ("AttributeError", "'str' object has no attribute 'append'", 3,
     "typed = 'a'\nmsg.text = typed\ntyped.append(key)\n", (3, "typed = typed + key")),
    # the popped letter used: not a statement of its own, not this rule (nor make_list's on a parameter-less use)
    ("AttributeError", "'str' object has no attribute 'pop'", 1, "last = typed.pop()\n",
     (1, "typed = list(typed)\nlast = typed.pop()")),
    # an empty text collecting answers, not shown: a list (make_list, as before)
    ("AttributeError", "'str' object has no attribute 'append'", 2, "answers = ''\nanswers.append(k)\n",
     (1, "answers = []")),
    # a letter cut out in the middle, and a slice
    ("TypeError", "'str' object doesn't support item deletion", 1, "del code[i]\n", (1, "code = code[:i] + code[i + 1:]")),
    ("TypeError", "'str' object doesn't support item deletion", 1, "del code[-1]\n", (1, "code = code[:-1]")),
    ("TypeError", "'tuple' object doesn't support item deletion", 1, "del pos[1:]\n", (1, "pos = pos[:1]")),
    # a letter replaced
    ("TypeError", "'str' object does not support item assignment", 2, "w = 'cat'\nw[0] = 'b'\n", (2, "w = 'b' + w[1:]")),
    ("TypeError", "'str' object does not support item assignment", 1, "w[-1] = 's'\n", (1, "w = w[:-1] + 's'")),
    # ---- value_rules: an in-place method's result used ------------------------------------------------------------
    ("TypeError", "'NoneType' object is not subscriptable", 1, "slowest = rts.sort(reverse=True)[0]\n",
     (1, "slowest = sorted(rts, reverse=True)[0]")),
    ("TypeError", "'NoneType' object is not iterable", 1, "for w in words.reverse():\n    pass\n",
     (1, "for w in words[::-1]:")),
    ("TypeError", "'NoneType' object is not iterable", 1, "for t in random.shuffle(trials):\n    pass\n",
     (1, "for t in random.sample(trials, len(trials)):")),
    # sort() on its own line: right code, the None is elsewhere
    ("TypeError", "'NoneType' object is not subscriptable", 1, "rts.sort(); x = y[0]\n", None),
    # ---- one number indexed ---------------------------------------------------------------------------------------
    ("TypeError", "'float' object is not subscriptable", 2, "onset = core.getTime()\nprint(onset[0])\n",
     (2, "print(onset)")),
    ("TypeError", "'float' object is not subscriptable", 1, "rt = timer.getTime()[-1]\n", (1, "rt = timer.getTime()")),
    # two indices: which one is too many is not known
    ("TypeError", "'float' object is not subscriptable", 1, "x = kb.getKeys()[0][1]\n", None),
    # a name bound to no call (a loop variable): not this rule
    ("TypeError", "'float' object is not subscriptable", 2, "for rt in rts:\n    print(rt[0])\n", None),
    # ---- library_rules: text given to a number format in an f-string ---------------------------------------------
    ("ValueError", "Unknown format code 'f' for object of type 'str'", 1, "print(f'{name}: {row[1]:.3f}')\n",
     (1, "print(f'{name}: {float(row[1]):.3f}')")),
    ("ValueError", "Unknown format code 'd' for object of type 'str'", 1, "msg = f'{n:03d} / {total}'\n",
     (1, "msg = f'{int(n):03d} / {total}'")),
    # a field without a number format: nothing to convert
    ("ValueError", "Unknown format code 'f' for object of type 'str'", 1, "msg = f'{n}'\n", None),
    # ---- type_rules: a position read from text; a row written to a file ------------------------------------------
    ("TypeError", "list indices must be integers or slices, not str", 2, "i = info['start']\nw = words[i]\n",
     (2, "w = words[int(i)]")),
    # a key written as text on a list: not a position
    ("TypeError", "list indices must be integers or slices, not str", 1, "w = trial['word']\n", None),
    ("TypeError", "write() argument must be str, not tuple", 1, "out.write((trial, rt))\n",
     (1, "out.write(','.join(map(str, (trial, rt))) + '\\n')")),
    # the script writes its own line breaks: none added
    ("TypeError", "write() argument must be str, not list", 1, "out.write(row)\nout.write('\\n')\n",
     (1, "out.write(','.join(map(str, row)))")),
]


@pytest.mark.parametrize("error,message,line,source,expected", RULES)
def test_collecting_text_and_value_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)
