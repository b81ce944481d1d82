from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.05, fillColor='red')
clock = core.Clock()
rts = []
for trial in range(3):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
slowest_first = sorted(rts, reversed=True)
print('slowest RT:', slowest_first[0])
win.close()
core.quit()
