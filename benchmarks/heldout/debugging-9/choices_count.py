import random
from psychopy import visual, core, event

shapes = ['circle', 'square', 'triangle']
sequence = random.choices(shapes, 6)
win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.07)
for shape in sequence:
    label.text = shape
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
