import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
target = visual.Rect(win, width=0.1, height=0.1, fillColor='yellow')
clock = core.Clock()
log = open(os.path.join(here, 'log.txt'), 'w')
for trial in range(2):
    target.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=['space'])
    print >>log, trial, clock.getTime()
log.close()
win.close()
core.quit()
