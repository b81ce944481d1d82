import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.Circle(win, radius=0.05, fillColor='white')
message = visual.TextStim(win, height=0.06)
clock = core.Clock()
rts = []
for trial in range(3):
    probe.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
message.text = 'Mean RT: %.3f s' % np.array(rts).mean
message.draw()
win.flip()
core.wait(0.5)
win.close()
core.quit()
