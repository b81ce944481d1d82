import string
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['red', 'green', 'blue']
stim = visual.TextStim(win, height=0.1)
for w in words:
    stim.text = string.upper(w)
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
