from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
bar = visual.TextStim(win, height=0.05)
n_trials = 4
for trial in range(n_trials):
    bar.text = '#' * (trial / n_trials * 20)
    bar.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
