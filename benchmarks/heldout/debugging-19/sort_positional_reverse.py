from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.Rect(win, width=0.2, height=0.2, fillColor='green')
clock = core.Clock()
rts = []
for trial in range(3):
    stim.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
rts.sort(True)
print('slowest three:', rts[:3])
win.close()
core.quit()
