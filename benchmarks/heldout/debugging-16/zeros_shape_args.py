import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
n_trials = 4
results = np.zeros(n_trials, 2)
probe = visual.Circle(win, radius=0.05, fillColor='red')
clock = core.Clock()
for t in range(n_trials):
    probe.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=['f', 'j'])
    results[t, 0] = t
    results[t, 1] = clock.getTime()
print(results.mean(axis=0))
win.close()
core.quit()
