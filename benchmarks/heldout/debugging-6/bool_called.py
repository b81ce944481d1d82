from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
feedback = visual.TextStim(win, height=0.08)
for trial in range(3):
    key = event.waitKeys(keyList=['left', 'right'])[0]
    correct = key == 'left'
    if correct():
        feedback.text = 'Correct'
    else:
        feedback.text = 'Wrong'
    feedback.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
