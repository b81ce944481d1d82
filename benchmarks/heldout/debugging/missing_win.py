from psychopy import visual, core, event

win = visual.Window([800, 600], units='height', color='grey')
left = visual.Circle(win, radius=0.05, fillColor='red', pos=(-0.3, 0))
right = visual.Circle(radius=0.05, fillColor='red', pos=(0.3, 0))
for trial in range(4):
    (left if trial % 2 else right).draw()
    win.flip()
    event.waitKeys(keyList=['left', 'right'])
win.close()
core.quit()
