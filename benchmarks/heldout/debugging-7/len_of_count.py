from psychopy import visual, core, event

n_trials = 4
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor='blue')
for i in range(len(n_trials)):
    square.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
