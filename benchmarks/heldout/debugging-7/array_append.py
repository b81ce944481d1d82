import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
bar = visual.Rect(win, width=0.4, height=0.05, fillColor='grey')
clock = core.Clock()
rts = np.array([])
for trial in range(3):
    bar.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
print('mean', rts.mean())
win.close()
core.quit()
