import random
import string
from psychopy import visual, core

win = visual.Window([800, 600], units='height')
letter = visual.TextStim(win, height=0.1)
for trial in range(4):
    letter.text = random.choice(string.uppercase)
    letter.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
