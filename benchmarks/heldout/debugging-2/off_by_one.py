from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
disc = visual.Circle(win, radius=0.06)
colours = ['red', 'green', 'blue']
for i in range(len(colours) + 1):
    disc.fillColor = colours[i]
    disc.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
