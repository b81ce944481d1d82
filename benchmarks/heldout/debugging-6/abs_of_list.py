from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
line = visual.Line(win, start=(-0.2, 0), end=(0.2, 0))
mouse = event.Mouse(win=win)
errors = []
for trial in range(3):
    line.draw()
    win.flip()
    core.wait(0.1)
    x, y = mouse.getPos()
    errors.append(x - 0.1)
mean_error = sum(abs(errors)) / len(errors)
print(mean_error)
win.close()
core.quit()
