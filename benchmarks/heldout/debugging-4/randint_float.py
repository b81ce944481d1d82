import random
from psychopy import visual, core

win = visual.Window([800, 600], units='height')
fix = visual.TextStim(win, text='+', height=0.06)
for trial in range(3):
    # a jittered fixation between 0.5 and 1.5 s, shown frame by frame
    frames = random.uniform(0.5, 1.5) * 60
    for f in range(frames):
        fix.draw()
        win.flip()
win.close()
core.quit()
