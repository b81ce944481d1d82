import os
import json
import numpy as np
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.1, height=0.1, fillColor='blue')
clock = core.Clock()
rts = np.zeros(3)
for trial in range(3):
    square.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts[trial] = clock.getTime()
with open(os.path.join(here, 'rts.json'), 'w') as f:
    json.dump({'participant': '07', 'rts': rts}, f)
win.close()
core.quit()
