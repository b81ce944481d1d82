import json
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
star = visual.TextStim(win, text='*', height=0.1)
log = []
for trial in range(2):
    star.draw()
    win.flip()
    keys = event.waitKeys(keyList=['space'])
    log.append({'trial': trial, 'key': keys[0]})
json.dump(log, os.path.join(here, 'log.json'))
win.close()
core.quit()
