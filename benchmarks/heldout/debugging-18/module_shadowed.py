import time
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.05, fillColor='white')
clock = core.Clock()
for trial in range(2):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    time = clock.getTime()
    print('trial', trial, 'rt', time)
    time.sleep(0.2)
win.close()
core.quit()
