from psychopy import visual, core, event

words = ['north', 'south', 'east']
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.06)
for number, word in words:
    stim.text = '%d. %s' % (number + 1, word)
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
