from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.02, fillColor='white')
positions = [(-0.3, 0.2), (0.3, 0.2), (-0.3, -0.2), (0.3, -0.2)]
order = np.random.permutation(len(positions))
for i in order:
    dot.pos = positions[i]
    dot.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
