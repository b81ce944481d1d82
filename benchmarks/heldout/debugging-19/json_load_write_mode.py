import json
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'stimuli.json'), 'w') as f:
    json.dump({'words': ['moon', 'sun']}, f)
with open(os.path.join(here, 'stimuli.json'), 'w') as f:
    stimuli = json.load(f)
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
for word in stimuli['words']:
    stim.text = word
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
