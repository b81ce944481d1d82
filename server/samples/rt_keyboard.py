"""A choice reaction-time task with the hardware Keyboard (the demo runs it in the sandbox)."""
from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units="height", color="grey")
arrow = visual.TextStim(win, text="", height=0.1)
kb = keyboard.Keyboard()
answers = {"left": 0, "right": 0}
rts = []

for trial in range(4):
    arrow.text = "<" if trial % 2 else ">"
    keys = []
    win.callOnFlip(kb.clock.reset)
    while not keys:
        arrow.draw()
        win.flip()
        keys = kb.getKeys(keyList=["left", "right", "escape"])
    if "escape" in [key.name for key in keys]:
        core.quit()
    answers[keys[0].name] += 1
    rts.append(keys[0].rt)
    win.flip()
    core.wait(0.5)  # the inter-trial interval

print(f"mean RT {sum(rts) / len(rts) * 1000:.0f} ms; right answers: {answers['Right']}")
win.close()
