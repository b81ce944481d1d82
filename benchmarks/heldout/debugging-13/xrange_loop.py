from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.1, height=0.1, fillColor='white')
for i in xrange(3):
    square.pos = (i * 0.15 - 0.15, 0)
    square.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
