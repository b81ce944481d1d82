from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.05, pos=(0, 0.3))
n_trials = 2
for trial in range(n_trials):
    label.text = 'Trial %d of %d'(trial + 1, n_trials)
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
