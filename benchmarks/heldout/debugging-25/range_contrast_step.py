from psychopy import visual, core

win = visual.Window([800, 600], units='height')
grating = visual.GratingStim(win, tex='sin', mask='gauss', size=0.3, sf=10)
for contrast in range(0, 1, 0.25):
    grating.contrast = contrast
    grating.draw()
    win.flip()
    core.wait(0.05)
win.close()
core.quit()
