from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, text='Press y', height=0.06)
correct = 0
for trial in range(4):
    stim.draw()
    win.flip()
    key = event.waitKeys(keyList=['y', 'n'])[0]
    correct += key == 'y'
stim.text = 'Accuracy: {:.1f}%'.format(str(100 * correct / 4))
stim.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
