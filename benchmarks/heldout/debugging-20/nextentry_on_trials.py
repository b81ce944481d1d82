from psychopy import visual, core, event, data

win = visual.Window([800, 600], units='height')
trials = data.TrialHandler([{'letter': 'A'}, {'letter': 'B'}], nReps=1, method='sequential')
stim = visual.TextStim(win, height=0.1)
clock = core.Clock()
for trial in trials:
    stim.text = trial['letter']
    stim.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    trials.addData('rt', clock.getTime())
    trials.nextEntry()
win.close()
core.quit()
