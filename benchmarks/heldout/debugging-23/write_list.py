import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press a or b', height=0.05)
with open(os.path.join(here, 'answers.csv'), 'w') as f:
    for trial in range(2):
        prompt.draw()
        win.flip()
        keys = event.waitKeys(keyList=['a', 'b'])
        f.write([str(trial), keys[0]])
win.close()
core.quit()
