from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
counter = visual.TextStim(win, pos=(0, 0.4), height=0.05)
for trial in range(1, 4):
    counter.text = 'Trial ' + trial + ' of 3'
    counter.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
