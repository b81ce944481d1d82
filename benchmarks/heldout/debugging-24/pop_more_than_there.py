import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['sun', 'rain', 'snow', 'wind', 'fog']
random.shuffle(words)
stim = visual.TextStim(win, height=0.08)
for trial in range(6):
    stim.text = words.pop()
    stim.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
