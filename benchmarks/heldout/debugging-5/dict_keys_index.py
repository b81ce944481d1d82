from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
mapping = {'circle': 'f', 'square': 'j'}
label = visual.TextStim(win, height=0.06)
first_shape = mapping.keys()[0]
label.text = f'Press {mapping[first_shape]} for a {first_shape}'
label.draw()
win.flip()
event.waitKeys(keyList=['f', 'j'])
win.close()
core.quit()
