from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.Circle(win, radius=0.03, fillColor='white')
start = (0, 0)
for trial in range(3):
    start[0] = 0.1 * trial
    probe.pos = start
    probe.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
