import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.15, height=0.15, fillColor='blue')
clock = core.Clock()
rts = []
for trial in range(3):
    square.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
print('mean RT:', round(np.mean(rts, 3)))
win.close()
core.quit()
