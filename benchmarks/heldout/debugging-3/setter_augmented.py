from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
bar = visual.Rect(win, width=0.3, height=0.02, fillColor='white')
for frame in range(30):
    bar.setOri += 3
    bar.draw()
    win.flip()
win.close()
core.quit()
