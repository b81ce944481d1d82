import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
letters = ['K', 'M', 'R', 'T']
stim = visual.TextStim(win, height=0.1)
order = random.sample(letters)
for letter in order:
    stim.text = letter
    stim.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
