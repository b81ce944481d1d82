import random
from psychopy import visual, core, event

colours = {'red', 'green', 'blue', 'yellow'}
win = visual.Window([800, 600], units='height')
patch = visual.Rect(win, width=0.2, height=0.2)
for colour in random.sample(colours, 2):
    patch.fillColor = colour
    patch.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
