from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.Circle(win, radius=0.04, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(3):
    probe.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
summary = visual.TextStim(win, text='RTs: ' + ', '.join(rts), height=0.04)
summary.draw()
win.flip()
core.wait(0.5)
win.close()
core.quit()
