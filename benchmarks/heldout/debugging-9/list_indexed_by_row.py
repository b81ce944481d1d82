from psychopy import visual, core, event

conditions = [{'word': 'cat', 'size': 0.08}, {'word': 'dog', 'size': 0.12}]
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win)
for trial in conditions:
    stim.text = conditions[trial]['word']
    stim.height = trial['size']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
