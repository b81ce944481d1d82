# expect: answers=4 stale=yes
# Stroop with TrialHandler + ExperimentHandler; the Keyboard is never cleared between trials.
from psychopy import visual, core, data
from psychopy.hardware import keyboard
win = visual.Window([640, 480], units="height")
exp = data.ExperimentHandler(name="stroop", savePickle=False, saveWideText=False)
trials = data.TrialHandler([{"word": "RED", "ink": "blue"}, {"word": "BLUE", "ink": "blue"}], nReps=2,
                           method="sequential")
exp.addLoop(trials)
kb = keyboard.Keyboard()
stim = visual.TextStim(win, height=0.1)
for trial in trials:
    stim.text, stim.color = trial["word"], trial["ink"]
    kb.clock.reset()
    got = []
    while not got:
        stim.draw()
        win.flip()
        got = kb.getKeys(keyList=["r", "b"])
    trials.addData("resp", got[0].name)
    trials.addData("rt", got[0].rt)
    print("RESPONSE", got[0].name, round(got[0].rt, 3))
    exp.nextEntry()
    win.flip()
    core.wait(0.4)
