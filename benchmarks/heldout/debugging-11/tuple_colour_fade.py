from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
colour = (1, -1, -1)
patch = visual.Rect(win, width=0.3, height=0.3, fillColor=colour)
for step in range(5):
    colour[1] = -1 + step * 0.4
    patch.fillColor = colour
    patch.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
