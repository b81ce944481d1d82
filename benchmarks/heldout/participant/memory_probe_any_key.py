# expect: answers=3 stale=no
# Sternberg-like probe: "press any key" between blocks (waitKeys with no keyList), yes/no answers.
from psychopy import visual, core, event
win = visual.Window([640, 480])
msg = visual.TextStim(win)
for block in range(3):
    msg.text = "Press any key to start the block"
    msg.draw()
    win.flip()
    event.waitKeys(maxWait=5)
    msg.text = "Was 7 in the set? (y/n)"
    msg.draw()
    win.flip()
    keys = event.waitKeys(keyList=["y", "n"], maxWait=5, timeStamped=True)
    print("RESPONSE", keys)
    win.flip()
    core.wait(0.2)
