import random
from psychopy import visual, core

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.02, fillColor='white')
for trial in range(3):
    dot.draw()
    win.flip()
    core.wait(random.randint(0.2, 0.5))
win.close()
core.quit()
