from psychopy import visual, core

win = visual.Window([800, 600], units='height')
fixation = visual.TextStim(win, text='+', height=0.1)
fixation.setAutoDraw()
for frame in range(5):
    win.flip()
fixation.setAutoDraw(False)
win.close()
core.quit()
