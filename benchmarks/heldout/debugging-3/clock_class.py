from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.1, height=0.1, fillColor='blue')
timer = core.Clock
for trial in range(3):
    square.draw()
    win.flip()
    timer.reset()
    event.waitKeys(keyList=['space'])
    print(timer.getTime())
win.close()
core.quit()
