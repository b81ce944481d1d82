from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Circle(win, radius=0.05, fillColor='green')
clock = core.Clock()
for trial in range(3):
    go.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=['space'], timeStamped=clock)
    key, rt = keys
    print(key, rt)
win.close()
core.quit()
