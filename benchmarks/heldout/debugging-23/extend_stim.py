from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stims = []
for x in [-0.3, 0.0, 0.3]:
    stims.extend(visual.Circle(win, radius=0.05, pos=(x, 0), fillColor='white'))
for s in stims:
    s.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
