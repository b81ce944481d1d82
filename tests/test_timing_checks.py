"""The timing and logic checks (PSY301-PSY343) on strings, against the real API index: for each, the mistake in
the forms people write it (reported on the line given), and the right, guarded and idiomatic forms a careful
researcher writes (not reported: a warning on correct code teaches users to ignore the server)."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check

H = ("from psychopy import visual, core, event, data, parallel, sound\nfrom psychopy.hardware import keyboard\n"
     "win = visual.Window([800, 600])\nstim = visual.TextStim(win, text='X')\nkb = keyboard.Keyboard()\n"
     "clock = core.Clock()\n")  # 6 lines: a case's own first line is line 7


def lines_of(source: str, code: str, index) -> list[int]:
    return [f.span[0] for f in check(Analysis(source, index)) if f.code == code]


WRONG = [
    # PSY301: reset, draw, flip, then the key read timed by that clock
    ("PSY301", H + "for t in range(3):\n    clock.reset()\n    stim.draw()\n    win.flip()\n"
               "    keys = event.waitKeys(timeStamped=clock)\n", 8),
    # PSY301: the Keyboard's own clock reset before a frame loop that flips before it reads
    ("PSY301", H + "kb.clock.reset()\nwhile True:\n    stim.draw()\n    win.flip()\n    keys = kb.getKeys()\n"
               "    if keys:\n        break\n", 7),
    # PSY301: an RT computed from clock.getTime() after a reset made before the flip
    ("PSY301", H + "clock.reset()\nstim.draw()\nwin.flip()\nevent.waitKeys()\nrt = clock.getTime()\n", 7),
    # PSY301: the reset scheduled on the fixation's flip, but the response answers the next screen
    ("PSY301", H + "for t in range(3):\n    win.callOnFlip(clock.reset)\n    win.flip()\n    core.wait(0.5)\n"
               "    stim.draw()\n    win.flip()\n    keys = event.waitKeys(timeStamped=clock)\n", 8),
    # PSY302: a 50 ms prime timed with core.wait between two flips
    ("PSY302", H + "stim.draw()\nwin.flip()\ncore.wait(0.05)\nwin.flip()\n", 9),
    # PSY303: 1/rate with no fallback
    ("PSY303", H + "frameDur = 1.0 / win.getActualFrameRate()\n", 7),
    # PSY303: the rate stored, then used in arithmetic without a check
    ("PSY303", H + "fps = win.getActualFrameRate()\nn = round(0.2 * fps)\n", 7),
    # PSY304: frames from a duration at a fixed 60 Hz
    ("PSY304", H + "for frame in range(int(0.25 * 60)):\n    stim.draw()\n    win.flip()\n", 7),
    # PSY305: a stimulus built on every frame
    ("PSY305", H + "for frame in range(60):\n    msg = visual.TextStim(win, text='hello')\n    msg.draw()\n"
               "    win.flip()\n", 8),
    # PSY306: an image set on every frame
    ("PSY306", H + "img = visual.ImageStim(win)\nfor frame in range(60):\n    img.image = 'face.png'\n"
               "    img.draw()\n    win.flip()\n", 9),
    # PSY307: text changed every frame
    ("PSY307", H + "for frame in range(60):\n    stim.text = str(clock.getTime())\n    stim.draw()\n    win.flip()\n",
     8),
    # PSY308: a clock-bounded display loop
    ("PSY308", H + "clock.reset()\nwhile clock.getTime() < 2.0:\n    stim.draw()\n    win.flip()\n", 8),
    # PSY309: a parallel-port trigger sent before the flip
    ("PSY309", H + "port = parallel.ParallelPort(0x378)\nstim.draw()\nport.setData(1)\nwin.flip()\n", 9),
    # PSY309: a sound started before the flip (draws between do not matter)
    ("PSY309", H + "beep = sound.Sound('A')\nbeep.play()\nstim.draw()\nwin.flip()\n", 8),
    # PSY310: drawn once, then a frame loop that never draws it
    ("PSY310", H + "stim.draw()\nfor frame in range(30):\n    win.flip()\n", 7),
    # PSY311: autoDraw on inside the trial loop, never off
    ("PSY311", H + "for t in range(3):\n    stim.autoDraw = True\n    for f in range(10):\n        win.flip()\n", 8),
    # PSY312: time.sleep to wait
    ("PSY312", "import time\n" + H + "win.flip()\ntime.sleep(0.5)\n", 9),
    # PSY321: a polling loop inside a trial loop, nothing clears the buffer
    ("PSY321", H + "for t in range(3):\n    core.wait(1.0)\n    while True:\n        stim.draw()\n"
               "        win.flip()\n        keys = event.getKeys(keyList=['f', 'j'])\n        if keys:\n"
               "            break\n", 12),
    # PSY322: a getKeys() without keyList, then an escape check in the same frame
    ("PSY322", H + "while True:\n    stim.draw()\n    win.flip()\n    resp = event.getKeys()\n"
               "    if event.getKeys(keyList=['escape']):\n        core.quit()\n    if resp:\n        break\n", 11),
    # PSY323: a timestamped list tested for a key name
    ("PSY323", H + "keys = event.waitKeys(timeStamped=clock)\nif 'space' in keys:\n    print('ok')\n", 8),
    # PSY323: the first element compared with a name
    ("PSY323", H + "keys = event.getKeys(keyList=['f'], timeStamped=True)\nif keys and keys[0] == 'f':\n"
               "    print('ok')\n", 8),
    # PSY324: rt read in a trial loop; the Keyboard's clock is never reset
    ("PSY324", H + "for t in range(3):\n    stim.draw()\n    win.flip()\n    keys = kb.waitKeys(keyList=['f'])\n"
               "    print(keys[0].rt)\n", 11),
    # PSY325: Keyboard polled every frame with the release default
    ("PSY325", H + "while True:\n    stim.draw()\n    win.flip()\n    keys = kb.getKeys(keyList=['f'])\n"
               "    if keys:\n        break\n", 10),
    # PSY326: event.clearEvents() with a Keyboard that reads the keys
    ("PSY326", H + "event.clearEvents()\nkeys = kb.waitKeys(keyList=['f'])\n", 7),
    # PSY327: spacebar and esc
    ("PSY327", H + "keys = event.waitKeys(keyList=['spacebar'])\n", 7),
    # PSY327: a capitalised name compared with a key list element
    ("PSY327", H + "keys = event.getKeys()\nif keys and keys[0] == 'Escape':\n    core.quit()\n", 8),
    # PSY328: a held mouse button ends the trial
    ("PSY328", H + "mouse = event.Mouse(win=win)\nfor t in range(3):\n    while True:\n        stim.draw()\n"
               "        win.flip()\n        if mouse.getPressed()[0]:\n            break\n", 12),
    # PSY331: addData per trial, never nextEntry
    ("PSY331", H + "exp = data.ExperimentHandler(dataFileName='out')\nfor t in range(3):\n"
               "    exp.addData('trial', t)\n", 9),
    # PSY332: a staircase iterated without addResponse
    ("PSY332", H + "stairs = data.StairHandler(startVal=0.5)\nfor level in stairs:\n    stim.opacity = level\n", 8),
    # PSY333: results appended in the trial loop, written once at the end
    ("PSY333", H + "results = []\nfor t in range(3):\n    stim.draw()\n    win.flip()\n    results.append(t)\n"
               "with open('out.csv', 'w') as f:\n    f.write(str(results))\n", 12),
    # PSY334: a conditions file by relative path
    ("PSY334", H + "conds = data.importConditions('conditions.xlsx')\n", 7),
    # PSY341: pos outside a norm window
    ("PSY341", H + "far = visual.TextStim(win, text='+', pos=(1.6, 0))\n", 7),
    # PSY341: a 0.5-pixel stimulus
    ("PSY341", H + "w2 = visual.Window(units='pix')\ndot = visual.Circle(w2, radius=0.5)\n", 8),
    # PSY342: one element of pos set in place
    ("PSY342", H + "stim.pos[1] = 0.5\n", 7),
    # PSY342: an augmented element assignment
    ("PSY342", H + "stim.size[0] += 0.1\n", 7),
    # PSY343: a window never closed, no core.quit
    ("PSY343", "from psychopy import visual\nwin = visual.Window()\nwin.flip()\n", 2),
]

RIGHT = [
    # PSY301: the reset on the flip (Builder's way)
    ("PSY301", H + "for t in range(3):\n    stim.draw()\n    win.callOnFlip(clock.reset)\n    win.flip()\n"
               "    keys = event.waitKeys(timeStamped=clock)\n"),
    # PSY301: reset right after the flip (the stimulus is on screen)
    ("PSY301", H + "stim.draw()\nwin.flip()\nclock.reset()\nkeys = event.waitKeys(timeStamped=clock)\n"),
    # PSY301: a clock that only times a display duration is not an RT clock
    ("PSY301", H + "timer = core.Clock()\ntimer.reset()\nwhile timer.getTime() < 1:\n    stim.draw()\n    win.flip()\n"),
    # PSY301: kb.clock.reset via callOnFlip, with Keyboard RTs
    ("PSY301", H + "stim.draw()\nwin.callOnFlip(kb.clock.reset)\nwin.flip()\nkeys = kb.waitKeys()\nprint(keys[0].rt)\n"),
    # PSY302: core.wait on a blank inter-trial screen
    ("PSY302", H + "win.flip()\ncore.wait(0.3)\nstim.draw()\nwin.flip()\n"),
    # PSY302: a long display timed with core.wait (a second is 60 frames: a frame either way is small)
    ("PSY302", H + "stim.draw()\nwin.flip()\ncore.wait(1.0)\nwin.flip()\n"),
    # PSY302: brief stimulus timed by frames
    ("PSY302", H + "for frame in range(3):\n    stim.draw()\n    win.flip()\nwin.flip()\n"),
    # PSY303: the documented fallback
    ("PSY303", H + "fps = win.getActualFrameRate() or 60.0\nframeDur = 1.0 / fps\n"),
    # PSY303: Builder's None check
    ("PSY303", H + "rate = win.getActualFrameRate()\nif rate is not None:\n    frameDur = 1.0 / round(rate)\nelse:\n"
               "    frameDur = 1.0 / 60.0\n"),
    # PSY303: printed only
    ("PSY303", H + "print(win.getActualFrameRate())\n"),
    # PSY304: the measured rate
    ("PSY304", H + "fps = win.getActualFrameRate() or 60.0\nn = int(round(0.25 * fps))\n"),
    # PSY304: 60 seconds is a minute, not a refresh rate: no int() of a duration in frames
    ("PSY304", H + "minutes = 120 / 60\n"),
    # PSY305: built once before the loop, changed inside
    ("PSY305", H + "msg = visual.TextStim(win)\nfor frame in range(60):\n    msg.text = 'hello'\n    msg.draw()\n"
               "    win.flip()\n"),
    # PSY305: built in a trial loop that does not flip itself (between frame loops)
    ("PSY305", H + "for t in range(3):\n    cue = visual.TextStim(win, text=str(t))\n    for f in range(10):\n"
               "        cue.draw()\n        win.flip()\n"),
    # PSY306: the image set before the frame loop (during the ISI)
    ("PSY306", H + "img = visual.ImageStim(win)\nimg.image = 'face.png'\nfor frame in range(60):\n    img.draw()\n"
               "    win.flip()\n"),
    # PSY307: a constant text (PsychoPy skips unchanged text)
    ("PSY307", H + "for frame in range(60):\n    stim.text = 'wait'\n    stim.draw()\n    win.flip()\n"),
    # PSY307: text changed only when it changes
    ("PSY307", H + "last = None\nfor frame in range(60):\n    if frame % 10 == 0:\n        stim.text = str(frame)\n"
               "    stim.draw()\n    win.flip()\n"),
    # PSY307: a trial loop that flips twice and waits is not a frame loop: the text is set once per trial
    ("PSY307", H + "for t in range(3):\n    stim.text = str(t)\n    stim.draw()\n    win.flip()\n    core.wait(0.5)\n"
               "    stim.draw()\n    win.flip()\n"),
    # PSY308: frames counted
    ("PSY308", H + "for frame in range(120):\n    stim.draw()\n    win.flip()\n"),
    # PSY308: a while loop on a response, not the clock
    ("PSY308", H + "keys = []\nwhile not keys:\n    stim.draw()\n    win.flip()\n    keys = event.getKeys()\n"),
    # PSY309: the trigger on the flip
    ("PSY309", H + "port = parallel.ParallelPort(0x378)\nstim.draw()\nwin.callOnFlip(port.setData, 1)\nwin.flip()\n"),
    # PSY309: the trigger reset after the flip
    ("PSY309", H + "port = parallel.ParallelPort(0x378)\nwin.flip()\nport.setData(0)\n"),
    # PSY309: the sound scheduled for the flip
    ("PSY309", H + "beep = sound.Sound('A')\nbeep.play(when=win.getFutureFlipTime(clock='ptb'))\nwin.flip()\n"),
    # PSY310: drawn before every flip
    ("PSY310", H + "for frame in range(30):\n    stim.draw()\n    win.flip()\n"),
    # PSY310: autoDraw keeps it
    ("PSY310", H + "stim.autoDraw = True\nstim.draw()\nfor frame in range(30):\n    win.flip()\nstim.autoDraw = False\n"),
    # PSY310: flip(clearBuffer=False) keeps what was drawn
    ("PSY310", H + "stim.draw()\nfor frame in range(30):\n    win.flip(clearBuffer=False)\n"),
    # PSY311: switched off at the end of the phase
    ("PSY311", H + "for t in range(3):\n    stim.autoDraw = True\n    for f in range(10):\n        win.flip()\n"
               "    stim.autoDraw = False\n"),
    # PSY311: Builder's generic switch-off over the routine's components
    ("PSY311", H + "comps = [stim]\nfor t in range(3):\n    stim.setAutoDraw(True)\n    win.flip()\n"
               "    for c in comps:\n        c.setAutoDraw(False)\n"),
    # PSY311: one display until the end of the script
    ("PSY311", H + "stim.autoDraw = True\nwhile not event.getKeys():\n    win.flip()\nwin.close()\n"),
    # PSY312: PsychoPy's clocks
    ("PSY312", H + "t0 = core.getTime()\ncore.wait(0.5)\n"),
    # PSY312: another module's time() is not the time module
    ("PSY312", H + "import datetime\nstamp = datetime.datetime.now()\n"),
    # PSY321: Builder's clear at onset, inside the frame loop before the read
    ("PSY321", H + "for t in range(3):\n    started = False\n    while True:\n        if not started:\n"
               "            win.callOnFlip(kb.clearEvents, eventType='keyboard')\n            started = True\n"
               "        stim.draw()\n        win.flip()\n        keys = kb.getKeys(keyList=['f'], waitRelease=False)\n"
               "        if keys:\n            break\n"),
    # PSY321: event.clearEvents() at trial start
    ("PSY321", H + "for t in range(3):\n    core.wait(1.0)\n    event.clearEvents()\n    while True:\n"
               "        stim.draw()\n        win.flip()\n        keys = event.getKeys(keyList=['f'])\n"
               "        if keys:\n            break\n"),
    # PSY321: a discarded read empties the buffer
    ("PSY321", H + "for t in range(3):\n    event.getKeys()\n    while True:\n        stim.draw()\n"
               "        win.flip()\n        keys = event.getKeys(keyList=['f'])\n        if keys:\n            break\n"),
    # PSY321: a single trial (nothing earlier can be waiting)
    ("PSY321", H + "while True:\n    stim.draw()\n    win.flip()\n    keys = event.getKeys(keyList=['f'])\n"
               "    if keys:\n        break\n"),
    # PSY321: the script's own function may clear (we cannot see into calls we do not analyse)
    ("PSY321", H + "def start_trial():\n    event.clearEvents()\nfor t in range(3):\n    start_trial()\n"
               "    while True:\n        win.flip()\n        if event.getKeys(keyList=['f']):\n            break\n"),
    # PSY322: one read per frame, membership tests on the list
    ("PSY322", H + "while True:\n    stim.draw()\n    win.flip()\n    keys = event.getKeys()\n"
               "    if 'escape' in keys:\n        core.quit()\n    if keys:\n        break\n"),
    # PSY322: two reads with disjoint keyLists (each removes only its own keys)
    ("PSY322", H + "while True:\n    win.flip()\n    if event.getKeys(keyList=['escape']):\n        core.quit()\n"
               "    if event.getKeys(keyList=['f', 'j']):\n        break\n"),
    # PSY322: the reads sit in exclusive branches
    ("PSY322", H + "mode = 1\nwhile True:\n    win.flip()\n    if mode:\n        keys = event.getKeys()\n    else:\n"
               "        keys = event.getKeys(keyList=['f'])\n    if keys:\n        break\n"),
    # PSY323: the pair unpacked
    ("PSY323", H + "keys = event.waitKeys(timeStamped=clock)\nname, t = keys[0]\nif name == 'space':\n    print(t)\n"),
    # PSY323: without timeStamped the names are plain strings
    ("PSY323", H + "keys = event.waitKeys()\nif 'space' in keys:\n    print('ok')\n"),
    # PSY323: Keyboard key objects compare equal to their names
    ("PSY323", H + "keys = kb.waitKeys()\nif 'space' in keys:\n    print('ok')\n"),
    # PSY324: the clock reset on the flip each trial
    ("PSY324", H + "for t in range(3):\n    stim.draw()\n    win.callOnFlip(kb.clock.reset)\n    win.flip()\n"
               "    keys = kb.waitKeys(keyList=['f'])\n    print(keys[0].rt)\n"),
    # PSY324: no rt read (tDown used against an own onset time)
    ("PSY324", H + "for t in range(3):\n    onset = win.flip()\n    keys = kb.waitKeys(keyList=['f'])\n"
               "    print(keys[0].tDown - onset)\n"),
    # PSY325: waitRelease=False, as Builder writes it
    ("PSY325", H + "while True:\n    win.flip()\n    keys = kb.getKeys(keyList=['f'], waitRelease=False)\n    if keys:\n"
               "        break\n"),
    # PSY325: not polled in a frame loop
    ("PSY325", H + "keys = kb.getKeys()\n"),
    # PSY326: the Keyboard cleared with its own method
    ("PSY326", H + "kb.clearEvents()\nkeys = kb.waitKeys(keyList=['f'])\n"),
    # PSY326: event.clearEvents with event's own reads
    ("PSY326", H + "event.clearEvents()\nkeys = event.waitKeys(keyList=['f'])\n"),
    # PSY326: clearing the mouse only
    ("PSY326", H + "event.clearEvents(eventType='mouse')\nkeys = kb.waitKeys()\n"),
    # PSY327: real key names, including the less common ones
    ("PSY327", H + "keys = event.waitKeys(keyList=['space', 'escape', 'return', 'left', 'num_1', 'lshift', 'f1', 'a', '1'])\n"),
    # PSY327: an unknown name with no close one is left alone (perhaps a device's own)
    ("PSY327", H + "keys = event.waitKeys(keyList=['button_box_7'])\n"),
    # PSY328: the release awaited (Builder's previous-state comparison)
    ("PSY328", H + "mouse = event.Mouse(win=win)\nprev = [0, 0, 0]\nfor t in range(3):\n    while True:\n"
               "        win.flip()\n        buttons = mouse.getPressed()\n        if buttons != prev and buttons[0]:\n"
               "            break\n        prev = buttons\n"),
    # PSY328: clickReset
    ("PSY328", H + "mouse = event.Mouse(win=win)\nfor t in range(3):\n    mouse.clickReset()\n    while True:\n"
               "        win.flip()\n        if mouse.getPressed()[0]:\n            break\n"),
    # PSY331: nextEntry at the end of each trial
    ("PSY331", H + "exp = data.ExperimentHandler(dataFileName='out')\nfor t in range(3):\n    exp.addData('trial', t)\n"
               "    exp.nextEntry()\n"),
    # PSY331: one row for a one-off questionnaire (no loop)
    ("PSY331", H + "exp = data.ExperimentHandler(dataFileName='out')\nexp.addData('age', 30)\n"),
    # PSY332: the staircase told the answer
    ("PSY332", H + "stairs = data.StairHandler(startVal=0.5)\nfor level in stairs:\n    stairs.addResponse(1)\n"),
    # PSY333: written row by row
    ("PSY333", H + "with open('out.csv', 'w') as f:\n    for t in range(3):\n        win.flip()\n"
               "        f.write(f'{t}\\n')\n"),
    # PSY333: an ExperimentHandler saves on exit
    ("PSY333", H + "exp = data.ExperimentHandler(dataFileName='out')\nresults = []\nfor t in range(3):\n"
               "    win.flip()\n    results.append(t)\nwith open('summary.txt', 'w') as f:\n    f.write('done')\n"),
    # PSY334: anchored to the script's folder
    ("PSY334", "import os\n" + H + "here = os.path.dirname(os.path.abspath(__file__))\n"
               "conds = data.importConditions(os.path.join(here, 'conditions.xlsx'))\n"),
    # PSY334: Builder's chdir
    ("PSY334", "import os\n" + H + "os.chdir(os.path.dirname(os.path.abspath(__file__)))\n"
               "conds = data.importConditions('conditions.xlsx')\n"),
    # PSY341: on screen in norm
    ("PSY341", H + "near = visual.TextStim(win, text='+', pos=(0.9, -0.5))\n"),
    # PSY341: pix units with a pixel-sized stimulus
    ("PSY341", H + "w2 = visual.Window([800, 600], units='pix')\nbox = visual.Rect(w2, size=(100, 100), pos=(300, 0))\n"),
    # PSY341: off-centre with an anchor that pulls it back
    ("PSY341", H + "w2 = visual.Window(units='height')\nt = visual.TextBox2(w2, text='x', pos=(-0.5, -0.5), "
               "anchor='bottom-left')\n"),
    # PSY342: the whole value assigned
    ("PSY342", H + "stim.pos = (stim.pos[0], 0.5)\n"),
    # PSY342: a plain list element (not a stimulus attribute)
    ("PSY342", H + "xs = [0, 1]\nxs[1] = 0.5\n"),
    # PSY343: closed and quit
    ("PSY343", "from psychopy import visual, core\nwin = visual.Window()\nwin.flip()\nwin.close()\ncore.quit()\n"),
]


@pytest.mark.parametrize("code,source,line", WRONG, ids=[f"{c}-{i}" for i, (c, _s, _l) in enumerate(WRONG)])
def test_mistake_is_reported(api_index, code, source, line):
    assert lines_of(source, code, api_index) == [line]


@pytest.mark.parametrize("code,source", RIGHT, ids=[f"{c}-{i}" for i, (c, _s) in enumerate(RIGHT)])
def test_right_code_is_not_reported(api_index, code, source):
    assert lines_of(source, code, api_index) == []


def test_every_new_code_has_wrong_and_right_cases():
    from psychopy_lsp.server.checks.findings import CODES

    new = {c for c in CODES if c.startswith("PSY3") or c.startswith("PSY34")}
    assert {c for c, _s, _l in WRONG} == new
    assert {c for c, _s in RIGHT} == new


FIXED = [(code, source, line) for code, source, line in WRONG]


@pytest.mark.parametrize("code,source,line", FIXED, ids=[f"{c}-{i}" for i, (c, _s, _l) in enumerate(FIXED)])
def test_fix_is_offered_only_verified_and_removes_the_finding(api_index, code, source, line):
    """Each fix is re-checked before it is offered: applied, the finding is gone and no error or warning is new;
    the fixable codes get one on the table's mistake."""
    from psychopy_lsp.server.checks.findings import FIXABLE
    from psychopy_lsp.server.documents import Snapshot
    from psychopy_lsp.server.features.edits import apply_fix, verify_fix

    snap = Snapshot.build("file:///t.py", 1, 1, source, api_index)
    [finding] = [f for f in snap.findings() if f.code == code]
    if code not in FIXABLE:
        assert finding.fix is None
        return
    if finding.fix is None:
        pytest.skip(f"{code}: no certain repair for this form")
    assert verify_fix(snap, finding), finding.fix
    fixed = apply_fix(source, finding.fix)
    assert lines_of(fixed, code, api_index) == []
    compile(fixed, "<fixed>", "exec")


def test_reset_before_two_flips_moves_to_the_onset_flip(api_index):
    """The response answers the last screen before it is read: the reset goes just before that flip."""
    from psychopy_lsp.server.documents import Snapshot
    from psychopy_lsp.server.features.edits import apply_fix, verify_fix

    source = H + ("for t in range(3):\n    clock.reset()\n    stim.draw()\n    win.flip()\n    core.wait(0.5)\n"
                  "    stim.draw()\n    win.flip()\n    keys = event.waitKeys(timeStamped=clock)\n")
    snap = Snapshot.build("file:///t.py", 1, 1, source, api_index)
    [finding] = [f for f in snap.findings() if f.code == "PSY301"]
    assert "line 13" in finding.message and verify_fix(snap, finding)
    fixed = apply_fix(source, finding.fix)
    assert fixed.splitlines()[6:] == ["for t in range(3):", "    stim.draw()", "    win.flip()", "    core.wait(0.5)",
                                      "    stim.draw()", "    win.callOnFlip(clock.reset)", "    win.flip()",
                                      "    keys = event.waitKeys(timeStamped=clock)"]
