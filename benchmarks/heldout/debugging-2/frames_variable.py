from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
patch = visual.GratingStim(win, tex='sin', mask='circle', sf=4, size=0.25)
duration_frames = 0.3 * 60
for trial in range(4):
    for f in range(duration_frames):
        patch.draw()
        win.flip()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
