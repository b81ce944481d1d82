from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['stressed', 'drawer']
stim = visual.TextStim(win, height=0.08)
for word in words:
    mirrored = word.reverse()
    stim.text = mirrored
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
