import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.TextStim(win, text='X', height=0.1)
clock = core.Clock()
rts = []
for trial in range(3):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
mean_rt = np.mean(rts, axis=1)
print('mean rt: %.3f' % mean_rt)
win.close()
core.quit()
