"""The repairs read off a run's exception (server/sandbox/runtime_rules.py, through repair.runtime_fix), pure: on
strings, with the real API index where the checker's fix is the repair. Each case says which line changes to
what; the None cases are code the rule must leave alone (the mistake it reads is not there)."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix
from rule_helpers import check_rule

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
    # a count typed as text (a dialog's field): int(), since round() of text fails too
    ("TypeError", "'str' object cannot be interpreted as an integer", {}, 2,
     "info = {'n': '4'}\nfor t in range(info['n']):\n    pass\n", (2, "for t in range(int(info['n'])):")),
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
    # a function that assigns the script's counter made it local: `global` at the top of its body
    ("UnboundLocalError", "cannot access local variable 'score' where it is not associated with a value", {}, 4,
     "score = 0\ndef add():\n    \"\"\"Count one.\"\"\"\n    score = score + 1\nadd()\n",
     (4, "    global score\n    score = score + 1")),  # below the docstring
    # a local the script never assigns at module level: no global to declare
    ("UnboundLocalError", "cannot access local variable 'n' where it is not associated with a value", {}, 3,
     "def f():\n    if False:\n        n = 1\n    print(n)\n", None),
    # the class assigned instead of an instance: call it where it was assigned
    ("TypeError", "Clock.reset() missing 1 required positional argument: 'self'", {}, 3,
     "from psychopy import core\ntimer = core.Clock\ntimer.reset()\n", (2, "timer = core.Clock()")),
    # already an instance (a call): nothing to add
    ("TypeError", "Clock.reset() missing 1 required positional argument: 'self'", {}, 3,
     "from psychopy import core\ntimer = make()\ntimer.reset()\n", None),
    # a getter assigned without its call, compared later: the call where it was assigned
    ("TypeError", "'>' not supported between instances of 'method' and 'float'", {}, 2,
     "rt = clock.getTime\nif rt > 1.0:\n    pass\n", (1, "rt = clock.getTime()")),
    # the getter on the line itself
    ("TypeError", "'>' not supported between instances of 'method' and 'float'", {}, 1,
     "if clock.getTime > 1.0:\n    pass\n", (1, "if clock.getTime() > 1.0:")),
    # a setter used as the attribute
    ("TypeError", "unsupported operand type(s) for +=: 'method' and 'int'", {}, 1, "bar.setOri += 3\n",
     (1, "bar.ori += 3")),
    # a function stored uncalled (`onset = time.time`) where the script calls it elsewhere: called where stored
    ("TypeError", "unsupported operand type(s) for -: 'float' and 'builtin_function_or_method'", {}, 3,
     "import time\nonset = time.time\nrt = time.time() - onset\n", (2, "onset = time.time()")),
    # a function kept as a value on purpose (never called the same way in the script): nothing
    ("TypeError", "unsupported operand type(s) for -: 'int' and 'builtin_function_or_method'", {}, 2,
     "f = print\nx = 3 - f\n", None),
    # a PsychoPy clock in arithmetic: its reading
    ("TypeError", "unsupported operand type(s) for -: 'Clock' and 'float'", {}, 2,
     "c = core.Clock()\nt = c - 0.5\n", (2, "t = c.getTime() - 0.5")),
    # a Clock named in the message but no clock bound in the script (a parameter): nothing
    ("TypeError", "unsupported operand type(s) for -: 'Clock' and 'float'", {}, 2,
     "def f(c):\n    return c - 0.5\n", None),
    # a method in the message but no getter or setter in the script: nothing
    ("TypeError", "'>' not supported between instances of 'method' and 'int'", {}, 1, "if a > b:\n    pass\n",
     None),
    # a list of stimuli drawn as one: each drawn, the loop variable named after the list
    ("AttributeError", "'list' object has no attribute 'draw'", {}, 2, "stims = [a, b]\nstims.draw()\n",
     (2, "for stim in stims:\n    stim.draw()")),
    # list.shuffle() with random imported: random.shuffle
    ("AttributeError", "'list' object has no attribute 'shuffle'", {}, 3,
     "import random\norder = [1, 2]\norder.shuffle()\n", (3, "random.shuffle(order)")),
    # an attribute read on a dict: the key
    ("AttributeError", "'dict' object has no attribute 'word'", {}, 2,
     "trial = {'word': 'a'}\nstim.text = trial.word\n", (2, "stim.text = trial['word']")),
    # a key of no dict in the script, written in another case: the script's own key
    ("KeyError", "'Word'", {"key": "'Word'"}, 3, "conds = [{'word': 'a'}]\nfor c in conds:\n    print(c['Word'])\n",
     (3, "    print(c['word'])")),
    # a key nothing in the script is close to: nothing
    ("KeyError", "'colour'", {"key": "'colour'"}, 3, "conds = [{'word': 'a'}]\nfor c in conds:\n    print(c['colour'])\n",
     None),
    # a loop counting from 1 indexes a list: the item is one before
    ("IndexError", "list index out of range", {}, 3, "words = ['a', 'b']\nfor t in range(1, len(words) + 1):\n"
     "    print(words[t])\n", (3, "    print(words[t - 1])")),
    # a loop running to len + 1: stop at the length
    ("IndexError", "list index out of range", {}, 3, "words = ['a', 'b']\nfor i in range(len(words) + 1):\n"
     "    print(words[i])\n", (2, "for i in range(len(words)):")),
    # a loop over range(len(x)) that raises for another reason: not this rule's mistake
    ("IndexError", "list index out of range", {}, 3, "words = ['a', 'b']\nfor i in range(len(words)):\n"
     "    print(words[i + 5])\n", None),
    # an index and an item from a plain list: enumerate
    ("ValueError", "too many values to unpack (expected 2)", {}, 2,
     "words = ['cat', 'dog']\nfor i, word in words:\n    pass\n", (2, "for i, word in enumerate(words):")),
    # two names that are no index (pairs expected): nothing
    ("ValueError", "too many values to unpack (expected 2)", {}, 2,
     "pairs = ['ab', 'cde']\nfor left, right in pairs:\n    pass\n", None),
    # the list of presses unpacked as one press
    ("ValueError", "not enough values to unpack (expected 2, got 1)", {}, 2,
     "keys = event.waitKeys(timeStamped=True)\nkey, rt = keys\n", (2, "key, rt = keys[0]")),
    # a KeyPress turned into a number: its name
    ("TypeError", "int() argument must be a string, a bytes-like object or a real number, not 'KeyPress'", {}, 2,
     "press = kb.waitKeys()[0]\nanswer = int(press)\n", (2, "answer = int(press.name)")),
    # a required argument left out that a variable of its name holds
    ("TypeError", "TrialHandler.addData() missing 1 required positional argument: 'value'", {}, 3,
     "rt = 0.5\nvalue = 1\ntrials.addData('rt')\n", (3, "trials.addData('rt', value)")),
    # the data key names a variable: that variable
    ("TypeError", "ExperimentHandler.addData() missing 1 required positional argument: 'value'", {}, 2,
     "rt = 0.5\nthisExp.addData('rt')\n", (2, "thisExp.addData('rt', rt)")),
    # a save without its file name: one by the method's format
    ("TypeError", "TrialHandler.saveAsWideText() missing 1 required positional argument: 'fileName'", {}, 1,
     "trials.saveAsWideText(delim=',')\n", (1, "trials.saveAsWideText('data.csv', delim=',')")),
    # a missing value no variable holds: nothing to guess
    ("TypeError", "ExperimentHandler.addData() missing 1 required positional argument: 'value'", {}, 1,
     "thisExp.addData('accuracy')\n", None),
    # a duration that is text: float() around the argument
    ("TypeError", "unsupported operand type(s) for -: 'str' and 'float'", {}, 2,
     "d = '0.5'\ncore.wait(d)\n", (2, "core.wait(float(d))")),
    # a number-pad key name turned into a number: the prefix removed
    ("ValueError", "invalid literal for int() with base 10: 'num_4'", {}, 2,
     "key = event.waitKeys()[0]\nn = int(key)\n", (2, "n = int(key.replace('num_', ''))")),
    # a literal that is no prefixed number: nothing
    ("ValueError", "invalid literal for int() with base 10: 'space'", {}, 2,
     "key = event.waitKeys()[0]\nn = int(key)\n", None),
    # int() of a typed fraction: float()
    ("ValueError", "invalid literal for int() with base 10: '0.25'", {}, 1, "d = int(info['d'])\n",
     (1, "d = float(info['d'])")),
    # int() of a word: not a number at all, nothing
    ("ValueError", "invalid literal for int() with base 10: 'abc'", {}, 1, "d = int(info['d'])\n", None),
    # (rules below written after debugging set 14 was measured; none of its scripts)
    # '%' binds before the comma: the values the placeholders need as one tuple
    ("TypeError", "not enough arguments for format string", {}, 1, "print('%s: %.2f' % word, rt)\n",
     (1, "print('%s: %.2f' % (word, rt))")),
    # the same inside a tuple, a literal '%%' is no placeholder
    ("TypeError", "not enough arguments for format string", {}, 1, "row = ('%d of %d (%d%%)' % i, n, p, 'x')\n",
     (1, "row = ('%d of %d (%d%%)' % (i, n, p), 'x')")),
    # too few values after the comma to fill the placeholders: not this mistake, nothing
    ("TypeError", "not enough arguments for format string", {}, 1, "print('%s %s %s' % a, b)\n", None),
    # a method of a value the script made, any name, left uncalled
    ("TypeError", "must be real number, not builtin_function_or_method", {}, 1,
     "t = '%.3f' % np.array(rts).mean\n", (1, "t = '%.3f' % np.array(rts).mean()")),
    # two uncalled attributes (one a number): which one is the method is not written, nothing
    ("TypeError", "must be real number, not method", {}, 1, "t = '%s %.1f' % (win.size, stim.draw)\n", None),
    # an attribute of an imported module is not the one (np.pi is a number): the other one is called
    ("TypeError", "unsupported operand type(s) for *: 'float' and 'method'", {}, 2,
     "import numpy as np\narea = np.pi * disc.getRadius\n", (2, "area = np.pi * disc.getRadius()")),
    ("TypeError", "unsupported operand type(s) for *: 'float' and 'method'", {}, 2,
     "import numpy as np\narea = np.pi * disc.radius\n", (2, "area = np.pi * disc.radius()")),
    # numpy's message for a float count: floor division where the count is divided
    ("TypeError", "expected a sequence of integers or a single integer, got '2.0'", {}, 1,
     "catch = np.zeros(n / 2)\n", (1, "catch = np.zeros(n // 2)")),
    # a count that is a float for another reason (no division written): nothing from this rule
    ("TypeError", "expected a sequence of integers or a single integer, got '2.5'", {}, 1,
     "catch = np.zeros(n)\n", None),
    # (rules below written after debugging set 15 was measured; none of its scripts)
    # a decimal comma typed into a dialog
    ("ValueError", "could not convert string to float: '1,25'", {}, 1, "d = float(info['d'])\n",
     (1, "d = float(info['d'].replace(',', '.'))")),
    # a word that is no number at all: nothing
    ("ValueError", "could not convert string to float: 'abc'", {}, 1, "d = float(info['d'])\n", None),
    # a key name (text) read in a dict whose written keys are numbers
    ("KeyError", "'3'", {"key": "'3'"}, 3, "counts = {1: 0, 2: 0, 3: 0}\nkey = event.waitKeys()[0]\n"
     "counts[key] += 1\n", (3, "counts[int(key)] += 1")),
    # the keys are text too (a key really missing): not this rule (the closest written key, when one is close)
    ("KeyError", "'3'", {"key": "'3'"}, 3, "counts = {'1': 0, '2': 0}\nkey = event.waitKeys()[0]\n"
     "counts[key] += 1\n", None),
    # a file's text looped over by character
    ("IndexError", "list index out of range", {}, 3,
     "for line in open('a.csv').read():\n    cells = line.split(',')\n    print(cells[1])\n",
     (1, "for line in open('a.csv'):")),
    # the loop is over readlines(): not this mistake, nothing from this rule
    ("IndexError", "list index out of range", {}, 3,
     "for line in open('a.csv').readlines():\n    cells = line.split(',')\n    print(cells[1])\n", None),
    # a variable named like a builtin, then the builtin called: the variable renamed where it is used
    ("TypeError", "'int' object is not callable", {}, 3, "max = 0\nfor x in xs:\n    best = max(xs)\n",
     (1, "max_ = 0")),
    # event's keys are text: `.name` of one is the key itself
    ("AttributeError", "'str' object has no attribute 'name'", {}, 2,
     "keys = event.waitKeys(keyList=['f', 'j'])\nprint(keys[0].name == 'f')\n", (2, "print(keys[0] == 'f')")),
    ("AttributeError", "'str' object has no attribute 'name'", {}, 3,
     "keys = event.getKeys()\nfor key in keys:\n    log.append(key.name)\n", (3, "    log.append(key)")),
    # a string that is no key from getKeys/waitKeys (a word of a list): nothing
    ("AttributeError", "'str' object has no attribute 'name'", {}, 2, "words = ['a']\nprint(words[0].name)\n", None),
    # a callable the script made itself (not a builtin's name): nothing from this rule
    ("TypeError", "'int' object is not callable", {}, 2, "score = 0\ntotal = score(3)\n", None),
]


@pytest.mark.parametrize("error,message,detail,line,source,expected", RULES)
def test_rule(error, message, detail, line, source, expected):
    check_rule(error, message, detail, line, source, expected)


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


def test_a_fix_that_needs_an_import_adds_it_and_touches_nothing_else():
    """`order.shuffle()` without `import random`: the call on its line and the import below the last one."""
    source = "from psychopy import core\norder = [1, 2]\norder.shuffle()\nprint(order)\n"
    fix = runtime_fix("AttributeError", {}, 3, source, None, "'list' object has no attribute 'shuffle'")
    assert fix.edits() == [(3, "random.shuffle(order)"), (1, "from psychopy import core\nimport random")]
    assert fix.apply(source) == "from psychopy import core\nimport random\norder = [1, 2]\nrandom.shuffle(order)\n" \
        "print(order)\n"


def test_a_proved_fix_of_two_lines_is_one_code_action_with_both_edits(api_index):
    """The runFix the server stored (handlers/commands.py) becomes one quick fix with an edit per line, in the
    document's own line endings; a fix naming a line the document no longer has is not offered."""
    from lsprotocol import types as lsp

    from psychopy_lsp.server.documents import Snapshot
    from psychopy_lsp.server.features.code_actions import run_fixes

    text = "from psychopy import core\r\norder = [1, 2]\r\norder.shuffle()\r\n"
    snap = Snapshot.build("file:///s.py", 3, 1, text, api_index)
    error = lsp.Range(start=lsp.Position(2, 0), end=lsp.Position(2, 15))

    def diagnostic(edits):
        return lsp.Diagnostic(range=error, message="AttributeError", source="psychopy-run", code="AttributeError",
                              data={"version": 3, "runFix": {"title": "random.shuffle", "line": 3,
                                                             "newText": "random.shuffle(order)", "edits": edits,
                                                             "verified": "re-run ok"}})

    params = lsp.CodeActionParams(text_document=lsp.TextDocumentIdentifier(uri=snap.uri), range=error,
                                  context=lsp.CodeActionContext(diagnostics=[]))
    good = diagnostic([{"line": 3, "newText": "random.shuffle(order)"},
                       {"line": 1, "newText": "from psychopy import core\nimport random"}])
    [action] = run_fixes(snap, params, [good])
    edits = action.edit.document_changes[0].edits
    assert [(e.range.start.line, e.range.end.character, e.new_text) for e in edits] == [
        (2, 15, "random.shuffle(order)"), (0, 25, "from psychopy import core\r\nimport random")]
    stale = diagnostic([{"line": 3, "newText": "random.shuffle(order)"}, {"line": 9, "newText": "import random"}])
    assert run_fixes(snap, params, [stale]) == []
