from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Circle(win, radius=0.08, fillColor='green')
feedback = visual.TextStim(win, height=0.05)
clock = core.Clock()
for trial in range(2):
    go.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime()
    feedback.text = 'Your time: {rt:.3f} s'.format(rt)
    feedback.draw()
    win.flip()
    core.wait(0.3)
win.close()
core.quit()
