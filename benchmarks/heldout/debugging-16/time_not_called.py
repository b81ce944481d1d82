import time
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
star = visual.ShapeStim(win, vertices='star7', size=0.2, fillColor='orange')
rts = []
for trial in range(2):
    star.draw()
    win.flip()
    onset = time.time
    event.waitKeys(keyList=['space'])
    rts.append(time.time() - onset)
print(rts)
win.close()
core.quit()
