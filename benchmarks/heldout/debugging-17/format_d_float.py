from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='Press f for odd numbers', height=0.05)
n_correct = 0
n_trials = 3
for trial in range(n_trials):
    probe.draw()
    win.flip()
    keys = event.waitKeys(keyList=['f', 'j'])
    if keys[0] == 'f':
        n_correct += 1
percent = n_correct / n_trials * 100
result = visual.TextStim(win, text='Accuracy: {:d}%'.format(percent), height=0.06)
result.draw()
win.flip()
core.wait(0.5)
win.close()
core.quit()
