from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.05)
for trial in range(2):
    label.text = 'Trial ' + str(trial + 1).zfill('3')
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
