# expect: answers=4 stale=no
# Lexical decision with the Keyboard, waitRelease=False, a function that shows a trial and reads the answer.
from psychopy import visual, core
from psychopy.hardware import keyboard
win = visual.Window([640, 480], units="height")
kb = keyboard.Keyboard()
word = visual.TextStim(win, height=0.08)

def run_trial(text):
    word.text = text
    kb.clearEvents()
    word.draw()
    win.callOnFlip(kb.clock.reset)
    win.flip()
    keys = kb.waitKeys(keyList=("a", "l"), waitRelease=False, maxWait=5)
    return keys[0] if keys else None

for item in ["HOUSE", "BLIRK", "TABLE", "FLORP"]:
    key = run_trial(item)
    print("RESPONSE", key.name if key else None, round(key.rt, 3) if key else None)
    win.flip()
    core.wait(0.25)
