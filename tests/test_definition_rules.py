"""The repairs for the script's own definitions (server/sandbox/definition_rules.py, through repair.runtime_fix),
pure: on strings. Each case says which lines change to what; the None cases are code the rules must leave alone.
Written after debugging set 18 was measured (its failures); none of its scripts is here."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix

METHOD = "class Cue:\n    def flash(duration):\n        self.stim.draw()\n\ncue = Cue()\ncue.flash(0.2)\n"
NO_ARGS = "class Block:\n    def start():\n        print('go')\n\nBlock().start()\n"
STATIC = "class Block:\n    @staticmethod\n    def start(n):\n        print(n)\n\nBlock().start(1, 2)\n"
WITH_SELF = "class Block:\n    def start(self, n):\n        print(n)\n\nBlock().start(1, 2)\n"
INIT = "class Trial:\n    def _init_(self, word, rt=None):\n        self.word = word\n\nt = Trial('cat')\n"
INNIT = "class Probe:\n    def __innit__(self, *values):\n        self.values = values\n\np = Probe(1, 2)\n"
REAL_INT = "class Score:\n    def __int__(self):\n        return 3\n\ns = Score(4)\n"
HAS_INIT = "class Trial:\n    def __init__(self):\n        pass\n    def _init_(self, w):\n        pass\n\nTrial(1)\n"
SUBCLASS = "class Fix(visual.TextStim):\n    def __int__(self, win):\n        pass\n\nf = Fix(win)\n"
HIDDEN = ("import random\nfor trial in range(3):\n    random = random_gen()\n    print(random)\n"
          "    x = random.random()\n")
HIDDEN_ATTRIBUTE_NOT_MODULE = "import random\nrandom = make()\nx = random.velocity\n"
NOT_ASSIGNED = "import time\nt = time.sleep(1)\n"

# (error type, message, line, source, {line changed: its new text} or None)
RULES = [
    # a method without self: self added where it is defined
    ("TypeError", "Cue.flash() takes 1 positional argument but 2 were given", 6, METHOD,
     {2: "    def flash(self, duration):"}),
    # a method with no parameters at all
    ("TypeError", "Block.start() takes 0 positional arguments but 1 was given", 5, NO_ARGS,
     {2: "    def start(self):"}),
    # a static method given one argument too many: the call's mistake, not the definition's: nothing
    ("TypeError", "Block.start() takes 1 positional argument but 2 were given", 6, STATIC, None),
    # the method has self and is called with one argument too many: nothing here
    ("TypeError", "Block.start() takes 2 positional arguments but 3 were given", 5, WITH_SELF, None),
    # __init__ misspelt with single underscores
    ("TypeError", "Trial() takes no arguments", 5, INIT, {2: "    def __init__(self, word, rt=None):"}),
    # ... or with a doubled letter, taking *values
    ("TypeError", "Probe() takes no arguments", 5, INNIT, {2: "    def __init__(self, *values):"}),
    # a real __int__ (self alone) is int(obj), not a misspelt constructor: nothing
    ("TypeError", "Score() takes no arguments", 5, REAL_INT, None),
    # the class has an __init__ already: nothing
    ("TypeError", "Trial() takes no arguments", 7, HAS_INIT, None),
    # a subclass (its parent takes the arguments): nothing
    ("TypeError", "Fix() takes no arguments", 5, SUBCLASS, None),
    # a module hidden by a variable: the variable renamed where it is assigned and read, the module kept
    ("AttributeError", "'int' object has no attribute 'random'", 5, HIDDEN,
     {3: "    random_ = random_gen()", 4: "    print(random_)"}),
    # an attribute the module does not have: the variable's own (nothing to rename)
    ("AttributeError", "'Thing' object has no attribute 'velocity'", 3, HIDDEN_ATTRIBUTE_NOT_MODULE, None),
    # the module is not reassigned anywhere: nothing
    ("AttributeError", "'NoneType' object has no attribute 'sleep'", 2, NOT_ASSIGNED, None),
]


@pytest.mark.parametrize("error, message, line, source, expected", RULES)
def test_definition_rule(error, message, line, source, expected):
    fix = runtime_fix(error, {}, line, source, None, message)
    got = dict(fix.edits()) if fix else None
    assert got == expected
    if fix is not None:  # the lines named change, no other
        before, after = source.split("\n"), fix.apply(source).split("\n")
        assert [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b] == sorted(expected)
