from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
positions = [(-0.3, 0.2), (0.3, 0.2), (0.0, -0.2)]
dot = visual.Circle(win, radius=0.03, fillColor='white')
for trial in range(len(positions)):
    dot.pos = (positions[trial, 0], positions[trial, 1])
    dot.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
