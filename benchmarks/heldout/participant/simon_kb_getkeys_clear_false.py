# expect: answers=4 stale=yes
# Simon task: the Keyboard polled with clear=False during the trial, cleared only once at the start.
from psychopy import visual, core
from psychopy.hardware import keyboard
win = visual.Window([640, 480], units="height")
kb = keyboard.Keyboard()
dot = visual.Circle(win, radius=0.04, fillColor="red")
kb.clearEvents()
for trial in range(4):
    dot.pos = (0.3 if trial in (1, 2) else -0.3, 0)
    kb.clock.reset()
    keys = []
    while not keys:
        dot.draw()
        win.flip()
        keys = kb.getKeys(keyList=["f", "j"], clear=False)
    kb.getKeys(keyList=["f", "j"])  # consume what was read
    print("RESPONSE", keys[0].name, round(keys[0].rt, 3))
    win.flip()
    core.wait(0.4)
