import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
bar = visual.Rect(win, width=0.05, height=0.3, fillColor='white')
angles = np.array([0, 45, 90, 135])
angles = np.random.shuffle(angles)
for angle in angles:
    bar.ori = angle
    bar.draw()
    win.flip()
    event.waitKeys(keyList=['left', 'right'])
win.close()
core.quit()
