from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.04, fillColor='yellow')
clock = core.Clock()
rts = {}
for trial in range(3):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
print('mean rt', sum(rts) / len(rts))
win.close()
core.quit()
