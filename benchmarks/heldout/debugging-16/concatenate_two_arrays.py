import numpy as np
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
tone = visual.Circle(win, radius=0.05, fillColor='blue')
clock = core.Clock()
block_rts = []
for block in range(2):
    rts = np.zeros(2)
    for trial in range(2):
        tone.draw()
        win.flip()
        clock.reset()
        event.waitKeys(keyList=['space'])
        rts[trial] = clock.getTime()
    block_rts.append(rts)
all_rts = np.concatenate(block_rts[0], block_rts[1])
print(all_rts.mean())
win.close()
core.quit()
