from psychopy import visual, core, event

win = visual.Window([800, 600], units='height', color='black')
circle = visual.Circle(win, radius=0.1, fillColour='red', pos=(0, 0))
for trial in range(3):
    circle.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
