from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
flash = visual.Rect(win, width=0.3, height=0.3, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(3):
    flash.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
summary = visual.TextStim(win, text='Mean RT: %.3f s' % rts.mean(), height=0.05)
summary.draw()
win.flip()
core.wait(0.5)
win.close()
core.quit()
