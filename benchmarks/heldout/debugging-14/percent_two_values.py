from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
shape = visual.Polygon(win, edges=3, radius=0.1, fillColor='orange')
clock = core.Clock()
for trial in range(2):
    shape.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    print('Trial %d: %.3f s' % trial, clock.getTime())
win.close()
core.quit()
