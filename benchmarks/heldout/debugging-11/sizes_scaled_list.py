from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
box = visual.Rect(win, width=0.2, height=0.2, fillColor='yellow')
size = [0.2, 0.2]
for trial in range(3):
    size = size * 1.5
    box.size = size
    box.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
