import os
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
participant = 7
filename = os.path.join('data', participant)
msg = visual.TextStim(win, text='Saving to ' + filename, height=0.04)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
