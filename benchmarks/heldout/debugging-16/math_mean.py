import math
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
arrow = visual.TextStim(win, text='<', height=0.1)
clock = core.Clock()
times = []
for trial in range(3):
    arrow.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['left', 'right'])
    times.append(clock.getTime())
print('average', math.mean(times))
win.close()
core.quit()
