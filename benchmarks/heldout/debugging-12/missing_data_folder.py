import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='?', height=0.1)
results = []
for trial in range(2):
    probe.draw()
    win.flip()
    keys = event.waitKeys(keyList=['y', 'n'])
    results.append(keys[0])
with open(os.path.join(here, 'output', 'answers.txt'), 'w') as f:
    f.write('\n'.join(results))
win.close()
core.quit()
