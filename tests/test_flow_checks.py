"""PSY205 (a key list indexed without a guard) on strings, against the real API index: the unguarded cases must be
reported, and every guard a careful researcher writes must silence it (a warning on correct code teaches users
to ignore the server)."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check

EV = "from psychopy import event, core\n"
KB = "from psychopy.hardware import keyboard\nkb = keyboard.Keyboard()\n"


def psy205(source: str, index) -> list[int]:
    return [f.span[0] for f in check(Analysis(source, index)) if f.code == "PSY205"]


UNGUARDED = [
    # the plain mistake: getKeys() is [] when nothing was pressed
    (EV + "keys = event.getKeys()\nprint(keys[0])\n", 3),
    # the hardware Keyboard, the same
    (KB + "keys = kb.getKeys()\nname = keys[0].name\n", 4),
    # waitKeys with a timeout returns None when it runs out
    (EV + "pressed = event.waitKeys(maxWait=2)\nprint(pressed[0])\n", 3),
    # a guard that exits when there IS a key leaves the empty case to the index
    (EV + "for t in range(3):\n    keys = event.getKeys()\n    if keys:\n        continue\n    print(keys[0])\n", 6),
    # a negated guard that does not leave (no continue, no assignment) guards nothing after it
    (EV + "for t in range(3):\n    keys = event.getKeys()\n    if not keys:\n        print('none')\n"
          "    print(keys[0])\n", 6),
    # the guard checked the old list: the name was fetched again after it
    (EV + "for t in range(3):\n    keys = event.getKeys()\n    if not keys:\n        continue\n"
          "    keys = event.getKeys()\n    print(keys[0])\n", 7),
    # `while keys:` ends when the list IS empty
    (EV + "keys = event.getKeys()\nwhile keys:\n    keys = event.getKeys()\nprint(keys[0])\n", 5),
    # a guard in another function does not count
    (EV + "def check():\n    keys = event.getKeys()\n    if not keys:\n        return\n"
          "def use():\n    keys = event.getKeys()\n    return keys[0]\n", 8),
]

GUARDED = [
    # if keys: ...
    EV + "keys = event.getKeys()\nif keys:\n    print(keys[0])\n",
    # if len(keys) > 0
    EV + "keys = event.getKeys()\nif len(keys) > 0:\n    print(keys[0])\n",
    # early exit with continue, in a trial loop (the case)
    EV + "for t in range(3):\n    keys = event.getKeys()\n    if not keys:\n        continue\n    print(keys[0])\n",
    # early exit with `is None` after waitKeys(maxWait=...)
    EV + "for t in range(3):\n    pressed = event.waitKeys(maxWait=2)\n    if pressed is None:\n        continue\n"
         "    print(pressed[0])\n",
    # break
    EV + "while True:\n    keys = event.getKeys()\n    if not keys:\n        break\n    print(keys[0])\n",
    # return, inside a function
    EV + "def first():\n    keys = event.getKeys()\n    if not keys:\n        return None\n    return keys[0]\n",
    # raise
    EV + "keys = event.getKeys()\nif len(keys) == 0:\n    raise RuntimeError('no key')\nprint(keys[0])\n",
    # core.quit() ends the experiment
    EV + "keys = event.getKeys()\nif not keys:\n    core.quit()\nprint(keys[0])\n",
    # both branches of the guard leave
    EV + "for t in range(3):\n    keys = event.getKeys()\n    if not keys:\n        if t:\n            break\n"
         "        else:\n            continue\n    print(keys[0])\n",
    # an `or` of tests, one of them the empty case
    EV + "for t in range(3):\n    keys = event.getKeys()\n    if t > 10 or not keys:\n        continue\n"
         "    print(keys[0])\n",
    # the guard gives the list a value
    EV + "keys = event.getKeys()\nif not keys:\n    keys = ['none']\nprint(keys[0])\n",
    # waiting until there is a key
    EV + "keys = event.getKeys()\nwhile not keys:\n    keys = event.getKeys()\nprint(keys[0])\n",
    # assert
    EV + "keys = event.getKeys()\nassert keys, 'no key'\nprint(keys[0])\n",
    # the guard sits in an enclosing block: the index is deeper inside
    EV + "for t in range(3):\n    keys = event.getKeys()\n    if not keys:\n        continue\n"
         "    for k in range(2):\n        if k:\n            print(keys[0])\n",
    # conditional expression
    EV + "keys = event.getKeys()\nfirst = keys[0] if keys else None\n",
    # `and`
    EV + "keys = event.getKeys()\nok = keys and keys[0] == 'space'\n",
    # an `or` default: the name is never an empty list
    EV + "keys = event.getKeys() or ['none']\nprint(keys[0])\n",
    # a conditional expression default
    EV + "got = event.getKeys()\nkeys = got if got else ['none']\nprint(keys[0])\n",
    # try/except IndexError
    EV + "keys = event.getKeys()\ntry:\n    print(keys[0])\nexcept IndexError:\n    pass\n",
    # iterating the list
    EV + "keys = event.getKeys()\nfor k in keys:\n    print(keys[0])\n",
    # waitKeys without a timeout never returns an empty list
    EV + "keys = event.waitKeys(keyList=['left', 'right'])\nprint(keys[0])\n",
    # the hardware Keyboard with an early exit
    KB + "while True:\n    keys = kb.getKeys(['space'])\n    if not keys:\n        continue\n    rt = keys[0].rt\n"
         "    break\n",
    # a walrus guard
    EV + "if (keys := event.getKeys()):\n    print(keys[0])\n",
]


@pytest.mark.parametrize("source,line", UNGUARDED)
def test_unguarded_index_is_reported(source, line, api_index):
    assert psy205(source, api_index) == [line]


@pytest.mark.parametrize("source", GUARDED)
def test_guarded_index_is_not_reported(source, api_index):
    assert psy205(source, api_index) == []
