from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Polygon(win, edges=3, radius=0.08, fillColor='green')
for trial in range(4):
    target = target.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    target.ori += 90
win.close()
core.quit()
