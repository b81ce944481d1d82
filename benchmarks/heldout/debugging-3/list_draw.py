from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
positions = [(-0.3, 0), (0, 0), (0.3, 0)]
discs = [visual.Circle(win, radius=0.05, pos=p, fillColor='yellow') for p in positions]
for trial in range(3):
    discs.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
