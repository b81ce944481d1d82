from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.Circle(win, radius=0.05, fillColor='red')
clock = core.Clock()
log = open('probe_log.txt', 'wb')
for trial in range(3):
    probe.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=['space'], timeStamped=clock)
    log.write('%d,%.3f\n' % (trial, keys[0][1]))
log.close()
win.close()
core.quit()
