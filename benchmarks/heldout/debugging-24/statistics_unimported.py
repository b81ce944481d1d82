from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(3):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
print('median RT', statistics.median(rts))
win.close()
core.quit()
