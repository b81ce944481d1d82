from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor='white')
levels = [0.25, 0.5, 0.75, 1.0]
for step in range(len(levels) + 1):
    square.opacity = levels[step]
    square.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
