import cPickle as pickle
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(3):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
with open(os.path.join(here, 'rts.pkl'), 'wb') as f:
    pickle.dump(rts, f)
win.close()
core.quit()
