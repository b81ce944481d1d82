import random
from psychopy import visual, core, event

letters = 'ABCDEFGH'
random.shuffle(letters)
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.1)
for letter in letters[:4]:
    stim.text = letter
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
