from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.08)
for shown in ['DOG', 'CUP']:
    word.text = shown
    word.draw()
    win.flip()
    keys = event.waitKeys(keyList=['d', 'c'])
    print('first letter pressed:', keys[0] == shown[0].lowercase())
win.close()
core.quit()
