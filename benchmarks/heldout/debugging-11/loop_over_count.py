from psychopy import visual, core, event

n_trials = 4
win = visual.Window([800, 600], units='height')
fixation = visual.TextStim(win, text='+', height=0.1)
clock = core.Clock()
for trial in n_trials:
    fixation.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    print(trial, clock.getTime())
win.close()
core.quit()
