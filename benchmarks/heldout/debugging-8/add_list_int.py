from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
positions = [-0.3, 0.0, 0.3]
for trial in range(3):
    dot.pos = (positions + 0.1, 0)
    dot.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
