"""Recall and precision of the timing and logic checks on held-out scripts (written for this benchmark, in other
styles than the test tables, never in training data): each WRONG script has one mistake on the line marked
`# <- PSYnnn`; each RIGHT script is correct, idiomatic code and must give no warning. Prints the figures beside
the checker before these families (the API families alone), in the same process; asserts nothing.

    .venv/bin/python benchmarks/timing_recall.py
"""

from __future__ import annotations

import re
import sys

from psychopy_lsp.kb.index import index_from_source
from psychopy_lsp.kb.locate import find_psychopy
from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check

HEAD = "from psychopy import visual, core, event, data, sound\nfrom psychopy.hardware import keyboard\n"

WRONG = [
    # a Posner cueing task timing RTs from before the target's flip
    HEAD + """myWin = visual.Window(fullscr=False, units='height')
target = visual.Circle(myWin, radius=0.03)
rtClock = core.Clock()
for trialN in range(40):
    rtClock.reset()  # <- PSY301
    target.draw()
    myWin.flip()
    resp = event.waitKeys(keyList=['left', 'right'], timeStamped=rtClock)
""",
    # masked priming with a 33 ms prime timed in seconds
    HEAD + """win = visual.Window()
prime = visual.TextStim(win, text='doctor')
mask = visual.TextStim(win, text='#######')
prime.draw()
win.flip()
core.wait(0.033)  # <- PSY302
mask.draw()
win.flip()
""",
    # frame duration from an unguarded rate
    HEAD + """win = visual.Window()
refresh = win.getActualFrameRate()  # <- PSY303
frames_per_stim = round(0.1 * refresh)
""",
    # a flicker built every frame
    HEAD + """win = visual.Window()
for f in range(240):
    checker = visual.GratingStim(win, tex='sqrXsqr', sf=4)  # <- PSY305
    checker.draw()
    win.flip()
""",
    # EEG trigger before the flip
    HEAD + """from psychopy import parallel
win = visual.Window()
port = parallel.ParallelPort(address=0x0378)
face = visual.ImageStim(win)
face.draw()
port.setData(8)  # <- PSY309
win.flip()
""",
    # a fixation drawn once, then 60 flips
    HEAD + """win = visual.Window()
cross = visual.ShapeStim(win, vertices='cross', size=0.1)
cross.draw()  # <- PSY310
for frame in range(60):
    win.flip()
""",
    # a go/no-go task with no buffer clearing between trials
    HEAD + """win = visual.Window()
go = visual.TextStim(win, text='GO')
for trial in range(20):
    core.wait(0.8)
    t0 = core.getTime()
    while core.getTime() - t0 < 1.0:
        go.draw()
        win.flip()
        pressed = event.getKeys(keyList=['space'])  # <- PSY321
        if pressed:
            break
""",
    # the response read swallows escape
    HEAD + """win = visual.Window()
txt = visual.TextStim(win, text='press')
running = True
while running:
    txt.draw()
    win.flip()
    answer = event.getKeys()
    if event.getKeys(keyList=['escape']):  # <- PSY322
        core.quit()
    if answer:
        running = False
""",
    # timestamped tuples tested for a name
    HEAD + """win = visual.Window()
c = core.Clock()
win.flip()
got = event.waitKeys(maxWait=3, timeStamped=c)
if got and 'q' in got:  # <- PSY323
    core.quit()
""",
    # Keyboard RTs with a clock never reset
    HEAD + """win = visual.Window()
kb = keyboard.Keyboard()
word = visual.TextStim(win)
rts = []
for w in ['cat', 'dog', 'sun']:
    word.text = w
    word.draw()
    win.flip()
    k = kb.waitKeys(keyList=['y', 'n'])
    rts.append(k[0].rt)  # <- PSY324
""",
    # event.clearEvents with the hardware keyboard
    HEAD + """win = visual.Window()
kbd = keyboard.Keyboard()
for i in range(5):
    event.clearEvents()  # <- PSY326
    win.flip()
    keys = kbd.waitKeys(keyList=['f', 'j'])
""",
    # 'enter' is not a key name
    HEAD + """win = visual.Window()
msg = visual.TextStim(win, text='Press Enter to start')
msg.draw()
win.flip()
event.waitKeys(keyList=['enter'])  # <- PSY327
""",
    # ExperimentHandler rows never advanced
    HEAD + """thisExp = data.ExperimentHandler(name='lexdec', dataFileName='data/lexdec')
win = visual.Window()
for item in ['BLIRK', 'TABLE']:
    win.flip()
    thisExp.addData('item', item)  # <- PSY331
""",
    # a QUEST staircase never told the answer
    HEAD + """win = visual.Window()
grating = visual.GratingStim(win)
staircase = data.QuestHandler(0.5, 0.2, pThreshold=0.82, nTrials=30)
for contrast in staircase:  # <- PSY332
    grating.contrast = contrast
    grating.draw()
    win.flip()
    event.waitKeys(keyList=['left', 'right'])
""",
    # a norm-unit target placed off screen
    HEAD + """win = visual.Window(units='norm')
probe = visual.Rect(win, width=0.1, height=0.1, pos=(1.4, 0.2))  # <- PSY341
""",
    # moving a stimulus by changing one coordinate in place
    HEAD + """win = visual.Window()
ball = visual.Circle(win, radius=0.05)
for f in range(120):
    ball.pos[0] = f / 120.0  # <- PSY342
    ball.draw()
    win.flip()
""",
]

RIGHT = [
    # Builder-style onset timing with the Keyboard
    HEAD + """win = visual.Window()
kb = keyboard.Keyboard()
probe = visual.TextStim(win, text='X')
thisExp = data.ExperimentHandler(dataFileName='out')
for trial in range(10):
    win.flip()
    core.wait(0.5)  # blank inter-trial interval
    kb.clearEvents()
    probe.draw()
    win.callOnFlip(kb.clock.reset)
    win.flip()
    keys = kb.waitKeys(maxWait=2.0, keyList=['f', 'j'])
    thisExp.addData('rt', keys[0].rt if keys else None)
    thisExp.nextEntry()
win.close()
core.quit()
""",
    # frame-counted brief stimulus with a guarded rate
    HEAD + """win = visual.Window()
fps = win.getActualFrameRate() or 60.0
n = int(round(0.05 * fps))
prime = visual.TextStim(win, text='nurse')
for frame in range(n):
    prime.draw()
    win.flip()
win.flip()
win.close()
core.quit()
""",
    # a polling loop with one read per frame and a guarded index
    HEAD + """win = visual.Window()
stim = visual.TextStim(win, text='?')
for trial in range(5):
    event.clearEvents()
    response = None
    while response is None:
        stim.draw()
        win.flip()
        keys = event.getKeys(keyList=['a', 'l', 'escape'])
        if 'escape' in keys:
            core.quit()
        if keys:
            response = keys[0]
win.close()
core.quit()
""",
    # a staircase told every answer, trigger on the flip
    HEAD + """from psychopy import parallel
win = visual.Window()
port = parallel.ParallelPort(0x378)
g = visual.GratingStim(win)
stairs = data.StairHandler(startVal=0.8, stepSizes=[0.1], nTrials=20)
for level in stairs:
    g.contrast = level
    g.draw()
    win.callOnFlip(port.setData, 1)
    win.flip()
    port.setData(0)
    keys = event.waitKeys(keyList=['up', 'down'])
    stairs.addResponse(int(keys[0] == 'up'))
win.close()
core.quit()
""",
]


def main() -> int:
    index = index_from_source(find_psychopy())
    systems = {"before (API families only)": ("api",), "now (every family)": None}
    for label, families in systems.items():
        hits = 0
        for script in WRONG:
            line = next(i for i, text in enumerate(script.splitlines(), 1) if "# <- " in text)
            code = re.search(r"# <- (PSY\d+)", script).group(1)
            found = {(f.span[0], f.code) for f in check(Analysis(script, index), families)}
            hits += (line, code) in found
        false = [(i, f.code, f.message[:80]) for i, script in enumerate(RIGHT)
                 for f in check(Analysis(script, index), families) if f.severity in ("error", "warning")]
        print(f"{label:<28} held-out mistakes found on their line: {hits}/{len(WRONG)}; "
              f"warnings on {len(RIGHT)} correct scripts: {len(false)}")
        for item in false:
            print("   ", item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
