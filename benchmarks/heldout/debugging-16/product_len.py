import itertools
import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
colours = ['red', 'green']
sides = [-0.3, 0.3]
conditions = itertools.product(colours, sides)
print('conditions:', len(conditions))
patch = visual.Rect(win, width=0.15, height=0.15)
for colour, x in conditions:
    patch.fillColor = colour
    patch.pos = (x, 0)
    patch.draw()
    win.flip()
    event.waitKeys(keyList=['left', 'right'])
win.close()
core.quit()
