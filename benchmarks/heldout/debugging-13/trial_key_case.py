from psychopy import visual, core, event, data

conditions = [{'Word': 'RED', 'Ink': 'blue'}, {'Word': 'BLUE', 'Ink': 'red'}]
trials = data.TrialHandler(conditions, nReps=1, method='random')
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.1)
for trial in trials:
    stim.text = trial['word']
    stim.color = trial['Ink']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'b'])
win.close()
core.quit()
