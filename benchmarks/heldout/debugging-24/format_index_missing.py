from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
feedback = visual.TextStim(win, height=0.05)
for trial, colour in [(1, 'red'), (2, 'blue')]:
    feedback.text = 'Trial {0}: press for {1}'.format(trial)
    feedback.color = colour
    feedback.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
