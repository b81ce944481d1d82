import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.04, fillColor='red')
locations = [(-0.3, 0.2), (0.3, 0.2), (-0.3, -0.2), (0.3, -0.2)]
random.shuffle(locations)
for trial in range(8):
    target.pos = locations.pop()
    target.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
