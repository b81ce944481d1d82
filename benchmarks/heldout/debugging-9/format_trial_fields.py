from psychopy import visual, core, event

trials = [{'word': 'house', 'rt': 0.51}, {'word': 'tree', 'rt': 0.63}]
win = visual.Window([800, 600], units='height')
summary = visual.TextStim(win, height=0.06)
for trial in trials:
    summary.text = 'Last word: {word} ({rt:.2f} s)'.format(trial)
    summary.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
