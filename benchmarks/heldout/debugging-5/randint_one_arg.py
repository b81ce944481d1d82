import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
fix = visual.TextStim(win, text='+', height=0.08)
for trial in range(3):
    n_frames = random.randint(30)
    for frame in range(n_frames):
        fix.draw()
        win.flip()
win.close()
core.quit()
