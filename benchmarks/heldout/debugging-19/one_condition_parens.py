from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
conditions = ({'word': 'GREEN', 'ink': 'red', 'correct': 'r'})
stim = visual.TextStim(win, height=0.08)
for trial in conditions:
    stim.text = trial['word']
    stim.color = trial['ink']
    stim.draw()
    win.flip()
    keys = event.waitKeys(keyList=['r', 'g'])
    print(keys[0] == trial['correct'])
win.close()
core.quit()
