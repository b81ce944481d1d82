import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
positions = [(-0.3, 0), (0.3, 0)]
target = visual.Circle(win, radius=0.05, fillColor='green')
probe = visual.Circle(win, radius=0.05, fillColor='white')
for trial in range(3):
    target.pos = random.choice(positions)
    probe.pos = random.choice(positions)
    target.draw()
    probe.draw()
    win.flip()
    keys = event.waitKeys(keyList=['s', 'd'])
    if target.pos == probe.pos:
        print('same place', keys)
win.close()
core.quit()
