from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='Was this letter in the set?', height=0.05)
for trial in range(3):
    probe.draw()
    win.flip()
    keys = event.waitKeys(keylist=['y', 'n'])
win.close()
core.quit()
