import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
remaining = ['red', 'green', 'blue']
patch = visual.Rect(win, width=0.2, height=0.2)
for trial in range(3):
    colour = random.choice(remaining)
    remaining.pop(colour)
    patch.fillColor = colour
    patch.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
