from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = 'banana'
stim = visual.TextStim(win, height=0.06)
stim.text = '%s has %d letters' % (word, word.count())
stim.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
