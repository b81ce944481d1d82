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
DOUBLED = "from datetime import datetime\nstamp = datetime.datetime.now()\n"
FUNCTION_AS_MODULE = ("from random import random\nx = random()\nrandom.shuffle(order)\n"
                      "if random() < 0.5:\n    pass\n")
OTHER_NAMES = "from random import random, shuffle\nrandom.seed(1)\n"
BUILDS = ("def build(n):\n    rows = []\n    for i in range(n):\n        rows.append(i)\n    print(len(rows))\n\n"
          "for r in build(3):\n    pass\n")
RETURNS = "def build(n):\n    if n:\n        return [1]\n    rows = []\n    rows.append(1)\n\nx = build(0)[0]\n"
TWO_BUILT = ("def build():\n    a = []\n    b = []\n    a.append(1)\n    b.append(2)\n\nfor r in build():\n"
             "    pass\n")

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
    # written after set 19 was measured:
    # a class imported from its module, named twice: once
    ("AttributeError", "type object 'datetime.datetime' has no attribute 'datetime'", 2, DOUBLED,
     {2: "stamp = datetime.now()"}),
    # a function imported from its module used as the module: the module imported, the function's calls qualified
    ("AttributeError", "'builtin_function_or_method' object has no attribute 'shuffle'", 3, FUNCTION_AS_MODULE,
     {1: "import random", 2: "x = random.random()", 4: "if random.random() < 0.5:"}),
    # other names imported beside it: nothing (which import to write is not one line's change)
    ("AttributeError", "'builtin_function_or_method' object has no attribute 'seed'", 2, OTHER_NAMES, None),
    # a function that builds a list and returns nothing: the return added after its last line
    ("TypeError", "'NoneType' object is not iterable", 7, BUILDS,
     {5: "    print(len(rows))\n    return rows"}),
    # a function that returns on one branch only: not this rule, nothing
    ("TypeError", "'NoneType' object is not subscriptable", 7, RETURNS, None),
    # two lists built: which one is the result is not known, nothing
    ("TypeError", "'NoneType' object is not iterable", 7, TWO_BUILT, None),
]


@pytest.mark.parametrize("error, message, line, source, expected", RULES)
def test_definition_rule(error, message, line, source, expected):
    fix = runtime_fix(error, {}, line, source, None, message)
    got = dict(fix.edits()) if fix else None
    assert got == expected
    if fix is not None:  # the lines named change, no other
        before, after = source.split("\n"), fix.apply(source).split("\n")
        added = sum(t.count("\n") for t in expected.values())
        if not added:
            assert [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b] == sorted(expected)
        else:  # a line added after the one changed: the lines above it as they were, the rest moved down
            last = max(expected)
            assert before[:last - 1] == after[:last - 1] and before[last:] == after[last + added:]


LATER = ("msg = make()\n\nshow('go')\nfor i in range(2):\n    show(i)\n\n\ndef show(text):\n    msg.text = text\n"
         "    msg.draw()\n\n\nwin.close()\n")


def test_defined_later_moves_the_definition_above_the_call():
    # a function called before its def: the def moved above the call, its old lines (and the blank lines before
    # them) removed; everything else as it was
    fix = runtime_fix("NameError", {"name": "show"}, 3, LATER, None, "name 'show' is not defined")
    assert fix is not None and fix.line == 3 and fix.removed == (6, 7, 8, 9, 10)
    assert fix.apply(LATER) == ("msg = make()\n\ndef show(text):\n    msg.text = text\n    msg.draw()\n\n\n"
                                "show('go')\nfor i in range(2):\n    show(i)\n\n\nwin.close()\n")


@pytest.mark.parametrize("source", [
    # called inside a function defined before it: runs at call time, where the name exists (nothing to move)
    "def a():\n    b()\n\ndef b():\n    pass\n\na()\n",
    # a decorated def (the decorator may need what comes before it): left
    "x = f()\n\n@cache\ndef f():\n    return 1\n",
    # a default read from a name bound between the two: left
    "y = f()\nlimit = 3\n\ndef f(n=limit):\n    return n\n",
])
def test_defined_later_leaves(source):
    line = next(i for i, t in enumerate(source.split("\n"), 1) if "f()" in t or t.strip() == "a()")
    name = "f" if "def f" in source else "b"
    fix = runtime_fix("NameError", {"name": name}, line, source, None, f"name '{name}' is not defined")
    assert fix is None


def _applied(text: str, edits) -> str:
    """The text after LSP TextEdits (non-overlapping, positions in the original), applied last first."""
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position):
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def test_a_moved_definition_is_one_code_action_that_deletes_its_old_lines(api_index):
    """The runFix the server stores for a move (handlers/commands.py: edits and removed lines) becomes one quick
    fix whose edits, applied by an editor, give the text the re-run proved (RuntimeFix.apply)."""
    from lsprotocol import types as lsp

    from psychopy_lsp.server.documents import Snapshot
    from psychopy_lsp.server.features.code_actions import run_fixes

    fix = runtime_fix("NameError", {"name": "show"}, 3, LATER, None, "name 'show' is not defined")
    snap = Snapshot.build("file:///m.py", 2, 1, LATER, api_index)
    error = lsp.Range(start=lsp.Position(2, 0), end=lsp.Position(2, 10))
    diagnostic = lsp.Diagnostic(range=error, message="NameError", source="psychopy-run", code="NameError", data={
        "version": 2, "runFix": {"title": fix.title, "line": fix.line, "newText": fix.new_text,
                                 "edits": [{"line": n, "newText": t} for n, t in fix.edits()],
                                 "removed": list(fix.removed), "verified": "re-run ok"}})
    params = lsp.CodeActionParams(text_document=lsp.TextDocumentIdentifier(uri=snap.uri), range=error,
                                  context=lsp.CodeActionContext(diagnostics=[]))
    [action] = run_fixes(snap, params, [diagnostic])
    assert _applied(LATER, action.edit.document_changes[0].edits) == fix.apply(LATER)
