# expect: answers=3 stale=no
# A rating on the number pad with event.waitKeys (which clears the buffer first by default).
from psychopy import visual, core, event
win = visual.Window([640, 480])
prompt = visual.TextStim(win, text="How sure? 1-3")
for trial in range(3):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=["num_1", "num_2", "num_3"], maxWait=5)
    print("RESPONSE", keys)
    win.flip()
    core.wait(0.3)
