import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
participant = 'P01'
folder = os.path.join(here, 'data', participant)
os.mkdir(folder)
win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.1)
with open(os.path.join(folder, 'keys.txt'), 'w') as f:
    for trial in range(2):
        cross.draw()
        win.flip()
        keys = event.waitKeys(keyList=['space'])
        f.write(keys[0] + '\n')
win.close()
core.quit()
