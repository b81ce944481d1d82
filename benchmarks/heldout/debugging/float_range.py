from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
grating = visual.GratingStim(win, tex='sin', mask='gauss', sf=5, size=0.3)
refresh = 60.0
duration = 0.25
for trial in range(6):
    grating.ori = 45 if trial % 2 else -45
    for frame in range(duration * refresh):
        grating.draw()
        win.flip()
    win.flip()
    event.waitKeys(keyList=['left', 'right'])
win.close()
core.quit()
