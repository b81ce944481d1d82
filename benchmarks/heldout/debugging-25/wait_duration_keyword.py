from psychopy import visual, core

win = visual.Window([800, 600], units='height')
cue = visual.Circle(win, radius=0.05, fillColor='yellow')
cue.draw()
win.flip()
core.wait(duration=0.2)
win.flip()
win.close()
core.quit()
