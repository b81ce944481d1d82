import datetime
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
session = datetime.now().strftime('%Y-%m-%d_%H%M')
win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, text='Press space to start', height=0.06)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
with open(os.path.join(here, 'session_' + session + '.txt'), 'w') as f:
    f.write('started\n')
win.close()
core.quit()
