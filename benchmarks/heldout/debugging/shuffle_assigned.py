"""Colour naming: the trial order is shuffled, then each colour word is shown."""
import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, text='', height=0.1)
trials = ['red', 'green', 'blue', 'yellow'] * 2
trials = random.shuffle(trials)
for colour in trials:
    word.text = colour
    word.color = colour
    word.draw()
    win.flip()
    keys = event.waitKeys(keyList=['r', 'g', 'b', 'y'])
win.close()
core.quit()
