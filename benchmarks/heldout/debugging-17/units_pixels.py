from psychopy import visual, core, event

win = visual.Window([800, 600])
box = visual.Rect(win, width=100, height=100, units='pixels', fillColor='white')
for trial in range(2):
    box.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
