from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
seq = visual.TextStim(win, height=0.08)
letters = ['B', 'K', 'R']
seq.text = letters.join(' ')
seq.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
