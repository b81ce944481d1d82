import json
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'settings.json'), 'w') as f:
    json.dump({'duration': 0.2, 'colour': 'white'}, f)
with open(os.path.join(here, 'settings.json')) as f:
    settings = json.loads(f)
win = visual.Window([800, 600], units='height')
patch = visual.Rect(win, width=0.2, height=0.2, fillColor=settings['colour'])
patch.draw()
win.flip()
core.wait(settings['duration'])
win.close()
core.quit()
