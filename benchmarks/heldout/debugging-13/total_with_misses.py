from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Circle(win, radius=0.05, fillColor='green')
clock = core.Clock()
rts = []
for trial in range(3):
    go.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(maxWait=0.5, keyList=['space'])
    if keys:
        rts.append(clock.getTime())
    else:
        rts.append(None)
print('total RT', sum(rts))
win.close()
core.quit()
