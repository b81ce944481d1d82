import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Circle(win, radius=0.05, fillColor='green')
n_trials = 4
is_catch = np.zeros(n_trials / 2)
is_catch = np.concatenate([is_catch, np.ones(n_trials / 2)])
np.random.shuffle(is_catch)
for catch in is_catch:
    if not catch:
        go.draw()
    win.flip()
    event.waitKeys(maxWait=0.5, keyList=['space'])
win.close()
core.quit()
