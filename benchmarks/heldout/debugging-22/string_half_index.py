from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = 'TABLE'
middle = visual.TextStim(win, height=0.1)
middle.text = word[len(word) / 2]
middle.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
