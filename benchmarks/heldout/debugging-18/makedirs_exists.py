import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
data_dir = os.path.join(here, 'data')
win = visual.Window([800, 600], units='height')
text = visual.TextStim(win, height=0.06)
for block in range(2):
    text.text = 'Block %d: press space' % (block + 1)
    text.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    os.makedirs(data_dir)
    with open(os.path.join(data_dir, 'block%d.txt' % block), 'w') as f:
        f.write('done\n')
win.close()
core.quit()
