import time
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.1)
for trial in range(2):
    cross.draw()
    win.flip()
    start = time.clock()
    event.waitKeys(keyList=['space'])
    print('RT', time.clock() - start)
win.close()
core.quit()
