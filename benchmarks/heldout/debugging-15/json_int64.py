import json
import os
import numpy as np
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
letter = visual.TextStim(win, height=0.1)
correct = []
for target in ['A', 'B', 'A']:
    letter.text = target
    letter.draw()
    win.flip()
    keys = event.waitKeys(keyList=['a', 'b'])
    correct.append(keys[0] == target.lower())
summary = {'n_correct': np.sum(correct), 'n_trials': len(correct)}
with open(os.path.join(here, 'summary.json'), 'w') as f:
    json.dump(summary, f)
win.close()
core.quit()
