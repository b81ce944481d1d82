from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.06)
items = ['cat', 'dog', 'fish']
for i, item in items:
    label.text = '%d: %s' % (i, item)
    label.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
