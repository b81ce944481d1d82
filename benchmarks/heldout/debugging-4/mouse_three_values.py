from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
mouse = event.Mouse(win=win)
dot = visual.Circle(win, radius=0.01, fillColor='red')
for frame in range(10):
    x, y, buttons = mouse.getPos()
    dot.pos = (x, y)
    dot.draw()
    win.flip()
win.close()
core.quit()
