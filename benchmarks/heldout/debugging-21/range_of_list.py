from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
colours = ['red', 'green', 'blue']
patch = visual.Rect(win, width=0.2, height=0.2)
for i in range(colours):
    patch.fillColor = colours[i]
    patch.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
