from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Rect(win, width=0.1, height=0.1, fillColor='white')
clock = core.Clock()
too_slow = 0
for trial in range(4):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime
    if rt > 1.0:
        too_slow += 1
print('slow trials:', too_slow)
win.close()
core.quit()
