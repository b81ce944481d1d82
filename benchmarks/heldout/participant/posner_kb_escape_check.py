# expect: answers=4 stale=no
# Posner cueing: an escape check every frame (never answered), responses read with the Keyboard after clearing.
from psychopy import visual, core
from psychopy.hardware import keyboard
win = visual.Window([640, 480], units="height")
kb = keyboard.Keyboard()
quit_kb = keyboard.Keyboard()
target = visual.Rect(win, width=0.05, height=0.05, fillColor="white")
for trial in range(4):
    target.pos = (-0.3 if trial % 2 else 0.3, 0)
    kb.clearEvents()
    win.callOnFlip(kb.clock.reset)
    answered = []
    frames = 0
    while not answered and frames < 300:
        if quit_kb.getKeys(keyList=["escape"]):
            core.quit()
        target.draw()
        win.flip()
        frames += 1
        answered = kb.getKeys(keyList=["z", "m"], waitRelease=False)
    print("RESPONSE", answered[0].name if answered else None, round(answered[0].rt, 3) if answered else None)
    win.flip()
    core.wait(0.3)
