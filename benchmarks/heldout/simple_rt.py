"""Simple reaction time with the hardware Keyboard: a white disc after a random foreperiod; RT from the flip.
Written for the completion benchmark only (never in the training data)."""
import random

from psychopy import core, visual
from psychopy.hardware import keyboard

win = visual.Window(size=(1024, 768), units="pix", color=(-1, -1, -1), waitBlanking=True)
disc = visual.Circle(win, radius=40, fillColor="white", lineColor="white")
fixation = visual.ShapeStim(win, vertices="cross", size=20, lineColor="white", fillColor="white")
message = visual.TextStim(win, text="", height=24, color="white")
kb = keyboard.Keyboard()
results = []

for trial in range(20):
    fixation.draw()
    win.flip()
    core.wait(random.uniform(1.0, 2.5))
    kb.clearEvents()
    disc.draw()
    win.callOnFlip(kb.clock.reset)
    onset = win.flip()
    keys = kb.waitKeys(maxWait=1.5, keyList=["space", "escape"])
    if not keys:
        message.text = "Too slow!"
        results.append((trial, None))
    elif keys[0].name == "escape":
        break
    else:
        rt = keys[0].rt
        results.append((trial, rt))
        message.text = f"{rt * 1000:.0f} ms"
    message.draw()
    win.flip()
    core.wait(0.8)

with open("rt.csv", "w") as out:
    out.write("trial,rt\n")
    for trial, rt in results:
        out.write(f"{trial},{'' if rt is None else rt}\n")
win.close()
core.quit()
