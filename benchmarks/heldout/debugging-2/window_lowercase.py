from psychopy import visual, core, event

win = visual.window([800, 600], units='height')
dot = visual.Circle(win, radius=0.02, fillColor='white')
for trial in range(3):
    dot.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
