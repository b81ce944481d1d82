from psychopy import visual, core, event

positions = [(-0.3, 0), (-0.15, 0), (0, 0), (0.15, 0), (0.3, 0)]
win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
centre = positions[len(positions) / 2]
for pos in [positions[0], centre, positions[-1]]:
    dot.pos = pos
    dot.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
