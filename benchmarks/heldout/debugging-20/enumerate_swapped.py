from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
conditions = [{'word': 'RED', 'ink': 'blue'}, {'word': 'BLUE', 'ink': 'blue'}]
stim = visual.TextStim(win, height=0.08)
for trial, i in enumerate(conditions):
    stim.text = trial['word']
    stim.color = trial['ink']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    print('trial', i)
win.close()
core.quit()
