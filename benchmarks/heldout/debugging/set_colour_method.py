from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, text='O', height=0.1)
for colour in ['red', 'blue', 'red', 'blue']:
    stim.setColour(colour)
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'b'])
win.close()
core.quit()
