from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stims = [visual.Circle(win, radius=0.1, fillColor='red'),
         visual.Rect(win, width=0.2, height=0.2, fillColor='blue')]
for i in range(len(stims)):
    stims(i).draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
