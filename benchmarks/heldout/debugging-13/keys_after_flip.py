from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
arrow = visual.TextStim(win, text='<', height=0.1)
for trial in range(2):
    arrow.draw()
    win.flip()
    keys = event.getKeys(keyList=['left', 'right'])
    answer = keys[0]
    print(trial, answer)
win.close()
core.quit()
