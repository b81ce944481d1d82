import random
from psychopy import visual, core, event

random.seed(3)
win = visual.Window([800, 600], units='height')
letters = 'KMT'
stim = visual.TextStim(win, height=0.1)
for trial in range(12):
    stim.text = letters[random.randint(0, len(letters))]
    stim.draw()
    win.flip()
    core.wait(0.05)
win.close()
core.quit()
