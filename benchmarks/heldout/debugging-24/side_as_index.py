from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
positions = [(-0.3, 0), (0.3, 0)]
arrow = visual.TextStim(win, text='>', height=0.1)
for side in ['left', 'right', 'left']:
    arrow.pos = positions[side]
    arrow.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
