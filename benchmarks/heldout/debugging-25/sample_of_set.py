import random
from psychopy import visual, core

win = visual.Window([800, 600], units='height')
colours = {'red', 'green', 'blue', 'yellow'}
distractor_colours = random.sample(colours, 2)
for i, colour in enumerate(distractor_colours):
    patch = visual.Rect(win, width=0.1, height=0.1, pos=(-0.1 + 0.2 * i, 0), fillColor=colour)
    patch.draw()
win.flip()
core.wait(0.1)
win.close()
core.quit()
