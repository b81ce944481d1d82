import random
from psychopy import visual, core, event

pairs = {'cat': 'dog', 'sun': 'moon', 'salt': 'pepper'}
win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, height=0.08)
for trial in range(2):
    first, second = random.choice(pairs.items())
    cue.text = first + ' - ' + second
    cue.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
