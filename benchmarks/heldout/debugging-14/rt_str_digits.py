from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.05, fillColor='red')
feedback = visual.TextStim(win, height=0.06)
clock = core.Clock()
for trial in range(2):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    feedback.text = 'You took ' + str(clock.getTime(), 3) + ' s'
    feedback.draw()
    win.flip()
    core.wait(0.3)
win.close()
core.quit()
