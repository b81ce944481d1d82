from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Rect(win, width=0.1, height=0.1, fillColor='white')
counts = {'left': 0, 'right': 0}
for trial in range(3):
    target.draw()
    win.flip()
    keys = event.waitKeys(keyList=['left', 'right'])
    counts[keys[0]] = counts[keys[0]] + 1
for side, n in counts.iteritems():
    print(side, n)
win.close()
core.quit()
