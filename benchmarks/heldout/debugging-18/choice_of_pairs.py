import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
pairs = [('doctor', 'nurse'), ('bread', 'butter'), ('table', 'chair')]
prime = visual.TextStim(win, height=0.07, pos=(0, 0.1))
target = visual.TextStim(win, height=0.07, pos=(0, -0.1))
for trial in range(2):
    first, second = np.random.choice(pairs)
    prime.text = first
    target.text = second
    prime.draw()
    target.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
