from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.05)
correct = 0
n = 3
for trial in range(n):
    correct += 1
    label.text = 'Correct so far: %d of %d' % [correct, n]
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
