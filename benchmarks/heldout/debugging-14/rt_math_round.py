import math
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='yellow')
clock = core.Clock()
for trial in range(2):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt_ms = math.round(clock.getTime() * 1000)
    print('RT in ms:', rt_ms)
win.close()
core.quit()
