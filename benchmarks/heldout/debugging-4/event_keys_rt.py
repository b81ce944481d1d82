from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.05, fillColor='white')
rts = []
for trial in range(3):
    target.draw()
    win.flip()
    keys = event.waitKeys(keyList=['space'])
    rts.append(keys[0].rt)
print(rts)
win.close()
core.quit()
