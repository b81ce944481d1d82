from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['up', 'down', 'left']
stim = visual.TextStim(win, height=0.08)
for i, word in range(len(words)):
    stim.text = '%d: %s' % (i + 1, word)
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
