from psychopy import visual, core

fixation_duration = 0.3
win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.1)
for trial in range(2):
    cross.draw()
    win.flip()
    core.wait(fixation_durration)
win.close()
core.quit()
