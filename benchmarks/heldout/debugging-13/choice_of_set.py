import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
disc = visual.Circle(win, radius=0.1)
for trial in range(2):
    disc.fillColor = random.choice({'red', 'green', 'blue'})
    disc.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
