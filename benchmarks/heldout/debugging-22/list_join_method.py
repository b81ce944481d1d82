from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['cat', 'dog', 'owl']
label = visual.TextStim(win, height=0.05)
label.text = 'Remember: ' + words.join(', ')
label.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
