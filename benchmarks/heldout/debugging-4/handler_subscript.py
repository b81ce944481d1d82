from psychopy import visual, core, event, data

win = visual.Window([800, 600], units='height')
conds = [{'word': 'cat'}, {'word': 'dog'}]
trials = data.TrialHandler(conds, nReps=1)
first = trials[0]
intro = visual.TextStim(win, text='First word: ' + first['word'], height=0.05)
intro.draw()
win.flip()
event.waitKeys()
win.close()
core.quit()
