from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
left_keys = {'a', 's'}
right_keys = {'k', 'l'}
allowed = left_keys + right_keys
arrow = visual.TextStim(win, text='<', height=0.1)
for trial in range(2):
    arrow.draw()
    win.flip()
    keys = event.waitKeys(keyList=list(allowed))
    side = 'left' if keys[0] in left_keys else 'right'
    print(trial, side)
win.close()
core.quit()
