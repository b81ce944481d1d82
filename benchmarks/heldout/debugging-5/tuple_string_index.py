from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
conditions = [('red', 'f'), ('green', 'j'), ('red', 'f')]
square = visual.Rect(win, width=0.2, height=0.2)
for cond in conditions:
    square.fillColor = cond['colour']
    square.draw()
    win.flip()
    event.waitKeys(keyList=['f', 'j'])
win.close()
core.quit()
