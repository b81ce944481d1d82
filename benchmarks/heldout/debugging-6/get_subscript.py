from psychopy import visual, core, event

conditions = [{'word': 'RED', 'ink': 'blue'}, {'word': 'BLUE', 'ink': 'red'}]
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.1)
for cond in conditions:
    stim.text = cond.get['word']
    stim.color = cond['ink']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'b'])
win.close()
core.quit()
