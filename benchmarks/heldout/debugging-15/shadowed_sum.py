from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Rect(win, width=0.1, height=0.1, fillColor='blue')
clock = core.Clock()
rts = []
sum = 0
for trial in range(3):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime()
    rts.append(rt)
    sum += rt
print('mean RT', sum(rts) / len(rts))
win.close()
core.quit()
