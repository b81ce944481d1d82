"""Visual search: find the red T among rotated red Ls; report left or right half. Written for the completion
benchmark only (never in the training data)."""
import random

from psychopy import core, data, event, gui, visual

info = {"participant": "", "session": "1"}
if not gui.DlgFromDict(info, title="Visual search").OK:
    core.quit()

win = visual.Window(size=(1280, 720), units="height", color="grey", fullscr=False)
fixation = visual.TextStim(win, text="+", height=0.05, color="white")
target = visual.TextStim(win, text="T", height=0.04, color="red")
distractors = [visual.TextStim(win, text="L", height=0.04, color="red") for _ in range(16)]
instructions = visual.TextStim(win, text="Is the T on the left or the right? Press F or J.", height=0.03)
clock = core.Clock()

exp = data.ExperimentHandler(name="search", extraInfo=info, dataFileName=f"data/{info['participant']}_search")
conditions = [{"set_size": n, "side": side} for n in (4, 8, 16) for side in ("left", "right")]
trials = data.TrialHandler(conditions, nReps=10, method="random")
exp.addLoop(trials)

instructions.draw()
win.flip()
event.waitKeys(keyList=["space"])

for trial in trials:
    x = random.uniform(-0.6, -0.1) if trial["side"] == "left" else random.uniform(0.1, 0.6)
    target.pos = (x, random.uniform(-0.35, 0.35))
    shown = distractors[:trial["set_size"] - 1]
    for stim in shown:
        stim.pos = (random.uniform(-0.6, 0.6), random.uniform(-0.35, 0.35))
        stim.ori = random.choice([0, 90, 180, 270])
    fixation.draw()
    win.flip()
    core.wait(0.5)
    for stim in shown:
        stim.draw()
    target.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=["f", "j", "escape"], timeStamped=clock, maxWait=3.0)
    if keys is None:
        trials.addData("response", None)
        trials.addData("rt", None)
        exp.nextEntry()
        continue
    key, rt = keys[0]
    if key == "escape":
        break
    correct = (key == "f") == (trial["side"] == "left")
    trials.addData("response", key)
    trials.addData("rt", rt)
    trials.addData("correct", correct)
    exp.nextEntry()

exp.saveAsWideText(f"data/{info['participant']}_search.csv")
win.close()
core.quit()
