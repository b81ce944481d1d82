from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
clock = core.Clock()
out = open('rts.txt', 'w')
for trial in range(3):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    out.write(clock.getTime())
out.close()
win.close()
core.quit()
