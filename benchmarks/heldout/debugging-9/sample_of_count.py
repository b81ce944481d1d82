import random
from psychopy import visual, core, event

n_positions = 8
targets = random.sample(n_positions, 3)
win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
for index in targets:
    dot.pos = (-0.35 + 0.1 * index, 0)
    dot.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
