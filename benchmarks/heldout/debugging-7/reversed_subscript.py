from psychopy import visual, core, event

letters = ['F', 'H', 'K', 'M']
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.1)
backwards = reversed(letters)
for i in range(len(letters)):
    stim.text = backwards[i]
    stim.draw()
    win.flip()
    core.wait(0.3)
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
