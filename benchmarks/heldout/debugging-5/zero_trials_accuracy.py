from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='Press F', height=0.06)
n_correct = 0
n_practice = 0
for trial in range(n_practice):
    cue.draw()
    win.flip()
    if event.waitKeys(keyList=['f', 'j'])[0] == 'f':
        n_correct += 1
feedback = visual.TextStim(win, text=f'Accuracy: {100 * n_correct / n_practice:.0f}%', height=0.05)
feedback.draw()
win.flip()
core.wait(0.5)
win.close()
core.quit()
