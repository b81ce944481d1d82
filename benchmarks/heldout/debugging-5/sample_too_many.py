import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
positions = [(-0.3, 0), (0.3, 0), (0, 0.3), (0, -0.3)]
items = [visual.Circle(win, radius=0.03, fillColor='green') for _ in range(6)]
for trial in range(2):
    chosen = random.sample(positions, len(items))
    for item, pos in zip(items, chosen):
        item.pos = pos
        item.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
