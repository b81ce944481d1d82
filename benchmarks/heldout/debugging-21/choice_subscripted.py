import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
shapes = [visual.Circle(win, radius=0.1, fillColor='red'), visual.Rect(win, width=0.2, height=0.2, fillColor='blue')]
for trial in range(3):
    shape = random.choice[shapes]
    shape.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
