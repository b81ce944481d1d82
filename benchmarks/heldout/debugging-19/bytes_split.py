import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'pairs.csv'), 'w') as f:
    f.write('salt,pepper\nknife,fork\n')
win = visual.Window([800, 600], units='height')
left = visual.TextStim(win, height=0.06, pos=(-0.2, 0))
right = visual.TextStim(win, height=0.06, pos=(0.2, 0))
with open(os.path.join(here, 'pairs.csv'), 'rb') as f:
    for row in f:
        first, second = row.strip().split(',')
        left.text = first
        right.text = second
        left.draw()
        right.draw()
        win.flip()
        event.waitKeys(keyList=['space'])
win.close()
core.quit()
