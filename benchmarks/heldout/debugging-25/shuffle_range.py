import random
from psychopy import visual, core

win = visual.Window([800, 600], units='height')
order = range(6)
random.shuffle(order)
dot = visual.Circle(win, radius=0.03, fillColor='white')
for i in order:
    dot.pos = (-0.25 + 0.1 * i, 0)
    dot.draw()
    win.flip()
    core.wait(0.05)
win.close()
core.quit()
