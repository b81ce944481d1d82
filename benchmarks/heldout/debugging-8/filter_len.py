from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.05, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(4):
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
fast = filter(lambda rt: rt < 0.8, rts)
print('fast trials:', len(fast))
win.close()
core.quit()
