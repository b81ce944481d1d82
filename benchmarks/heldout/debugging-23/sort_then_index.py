from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Circle(win, radius=0.05, fillColor='green')
clock = core.Clock()
rts = []
for trial in range(3):
    go.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
fastest = rts.sort()[0]
print('fastest:', fastest)
win.close()
core.quit()
