from psychopy import visual, core, event

trials = [{'set_size': 8, 'target': True}, {'set_size': 4, 'target': False}, {'set_size': 12, 'target': True}]
trials.sort()
win = visual.Window([800, 600], units='height')
info = visual.TextStim(win, height=0.06)
for trial in trials:
    info.text = 'Set size %d' % trial['set_size']
    info.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
