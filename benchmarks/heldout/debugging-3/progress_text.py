from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
counter = visual.TextStim(win, pos=(0, 0.4), height=0.04)
n_trials = 5
for trial in range(n_trials):
    counter.text = 'Trial ' + str(trial + 1) + ' of ' + n_trials
    counter.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
