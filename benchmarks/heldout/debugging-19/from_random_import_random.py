from random import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
colours = ['red', 'green', 'blue']
disc = visual.Circle(win, radius=0.08)
random.shuffle(colours)
for colour in colours:
    disc.fillColor = colour
    disc.draw()
    win.flip()
    core.wait(0.2 + random() * 0.1)
win.close()
core.quit()
