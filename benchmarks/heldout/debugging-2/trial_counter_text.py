from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
counter = visual.TextStim(win, text='', height=0.05, pos=(0, 0.3))
for trial_number in range(1, 4):
    counter.text = 'Trial ' + trial_number + ' of 3'
    counter.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
