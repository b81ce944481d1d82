import json
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='Ready?', height=0.07)
clock = core.Clock()
cue.draw()
win.flip()
clock.reset()
event.waitKeys(keyList=['space'])
summary = {'participant': 'P01', 'rt': clock.getTime()}
with open(os.path.join(here, 'summary.json'), 'w') as f:
    json.dumps(summary, f)
win.close()
core.quit()
