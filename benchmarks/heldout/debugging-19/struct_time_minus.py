import time
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press space when ready', height=0.06)
start = time.localtime()
prompt.draw()
win.flip()
event.waitKeys(keyList=['space'])
waited = time.time() - start
print('waited %.1f s' % waited)
win.close()
core.quit()
