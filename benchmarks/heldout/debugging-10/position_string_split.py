from psychopy import visual, core, event

positions = ['-0.3,0', '0,0', '0.3,0']
win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='red')
for spot in positions:
    x, y = spot.split(',')
    dot.pos = (x + 0.0, y + 0.0)
    dot.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
