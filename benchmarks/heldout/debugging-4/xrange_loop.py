from psychopy import visual, core

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.1, height=0.1, fillColor='white')
for frame in xrange(60):
    square.draw()
    win.flip()
win.close()
core.quit()
