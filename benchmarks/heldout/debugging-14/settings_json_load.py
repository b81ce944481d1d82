import json
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
settings_path = os.path.join(here, 'settings.json')
with open(settings_path, 'w') as f:
    json.dump({'n_trials': 2, 'colour': 'blue'}, f)

settings = json.load(settings_path)
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor=settings['colour'])
for trial in range(settings['n_trials']):
    square.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
