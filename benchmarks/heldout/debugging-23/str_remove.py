from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = 'banana'
stim = visual.TextStim(win, height=0.08)
word.remove('b')
stim.text = word
stim.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
