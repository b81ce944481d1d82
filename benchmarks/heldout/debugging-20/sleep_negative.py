import time
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.1)
for trial in range(2):
    start = time.time()
    cross.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    elapsed = time.time() - start
    time.sleep(0.05 - elapsed)
win.close()
core.quit()
