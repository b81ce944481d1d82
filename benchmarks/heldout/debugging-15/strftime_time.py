import time
from psychopy import visual, core, event

session = time.strftime('%Y-%m-%d_%H%M', time.time())
win = visual.Window([800, 600], units='height')
title = visual.TextStim(win, text='Session ' + session, height=0.05)
title.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
