from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
flash = visual.Circle(win, radius=0.05, fillColor='yellow')
clock = core.Clock()
fast_rts = []
for trial in range(3):
    flash.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime()
    if rt < 0.0001:
        fast_rts.append(rt)
print('slowest fast response:', max(fast_rts))
win.close()
core.quit()
