from psychopy import visual, core, event

words = ['sun', 'moon', 'star']
win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, height=0.06)
cue.text = 'Remember these words: ' + words
cue.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
