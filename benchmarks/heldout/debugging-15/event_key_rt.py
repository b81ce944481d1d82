from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Circle(win, radius=0.08, fillColor='green')
for trial in range(2):
    go.draw()
    win.flip()
    keys = event.waitKeys(keyList=['space'])
    print('RT:', keys[0].rt)
win.close()
core.quit()
