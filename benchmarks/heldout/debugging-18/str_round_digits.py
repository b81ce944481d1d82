from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor='blue')
feedback = visual.TextStim(win, height=0.05)
clock = core.Clock()
for trial in range(2):
    square.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime()
    feedback.text = 'Your time: ' + str(rt, 2) + ' s'
    feedback.draw()
    win.flip()
    core.wait(0.3)
win.close()
core.quit()
