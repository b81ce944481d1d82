from psychopy import visual, core, event, data

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.08)
conditions = [{'Word': 'RED', 'Colour': 'green'}, {'Word': 'BLUE', 'Colour': 'red'}]
trials = data.TrialHandler(conditions, nReps=2, method='random')
for trial in trials:
    word.text = trial['word']
    word.color = trial['Colour']
    word.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'g', 'b'])
win.close()
core.quit()
