import random
import string
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
letter = visual.TextStim(win, height=0.12)
for trial in range(2):
    letter.text = random.choice(string.letters)
    letter.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
