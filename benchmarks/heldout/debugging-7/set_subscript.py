import random
from psychopy import visual, core, event

conditions = {'congruent', 'incongruent'}
win = visual.Window([800, 600], units='height')
text = visual.TextStim(win, height=0.08)
for trial in range(4):
    cond = conditions[random.randint(0, 1)]
    text.text = cond
    text.draw()
    win.flip()
    event.waitKeys(keyList=['left', 'right'])
win.close()
core.quit()
