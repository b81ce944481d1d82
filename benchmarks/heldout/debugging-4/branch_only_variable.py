from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='Press J', height=0.06)
for trial in range(3):
    cue.draw()
    win.flip()
    resp = event.waitKeys(keyList=['j'])[0]
    if resp == 'f':
        correct = 1
    print('correct:', correct)
win.close()
core.quit()
