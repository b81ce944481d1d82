from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
flash = visual.Circle(win, radius=0.05, fillColor='white')
durations = '0.1 0.2 0.3'.split()
for d in durations:
    flash.draw()
    win.flip()
    core.wait(d)
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
