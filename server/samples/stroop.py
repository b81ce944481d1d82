"""A Stroop task with the mistakes students make (the demo session finds and fixes them)."""
from psychopy import visual, core, event, data
from psychopy.hardware import keyboard

win = visual.Window([1024, 768], units="pixels", color="black")
fixation = visual.TextStim(win, text="+", height=40)
word = visual.TextStim(win, text="", colour="white", height=60)
feedback = visual.TextStim(text="", pos=(0, -150))
kb = keyboard.Keyboard()
clock = core.Clock()

conditions = [
    {"word": "red", "ink": "red", "key": "r"},
    {"word": "red", "ink": "green", "key": "g"},
    {"word": "green", "ink": "green", "key": "g"},
    {"word": "green", "ink": "red", "key": "r"},
]
trials = data.TrialHandler(conditions, nReps=5, method="random")

for trial in trials:
    fixation.draw()
    win.flip()
    core.wait('0.5')
    word.text = trial["word"]
    word.setColour(trial["ink"])
    word.draw()
    clock.reset()
    win.flip
    keys = kb.waitKeys(keyList=["r", "g"], maxWait=2.0)
    rt = clock.getTime()
    correct = keys[0].name == trial["key"]
    trials.addData("rt", rt)
    trials.addData("correct", correct)
    if event.getKeys(keyList="escape"):
        break

win.close()
core.quit()
