from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
items = ['A', 'B', 'C']
counter = visual.TextStim(win, height=0.05, pos=(0, 0.3))
stim = visual.TextStim(win, height=0.1)
for n, item in enumerate(items):
    counter.text = '%d / %d' % (n + 1, items.length)
    stim.text = item
    counter.draw()
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
