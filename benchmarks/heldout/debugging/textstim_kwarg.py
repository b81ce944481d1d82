from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='<', height=0.1, colour='yellow')
for trial in range(3):
    cue.draw()
    win.flip()
    event.waitKeys(keyList=['left'])
win.close()
core.quit()
