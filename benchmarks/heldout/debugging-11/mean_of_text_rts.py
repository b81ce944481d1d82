import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.05, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(3):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append('%.3f' % clock.getTime())
print('mean RT', np.mean(rts))
win.close()
core.quit()
