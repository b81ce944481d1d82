import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
arrow = visual.TextStim(win, text='>', height=0.1)
clock = core.Clock()
log = open(os.path.join(here, 'log.txt'), 'w')
for trial in range(2):
    arrow.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['left', 'right'])
    log.write(trial, clock.getTime())
log.close()
win.close()
core.quit()
