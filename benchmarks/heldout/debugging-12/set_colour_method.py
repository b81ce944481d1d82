from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, text='GREEN', height=0.1)
for ink in ['red', 'blue']:
    word.setColour(ink)
    word.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'b'])
win.close()
core.quit()
