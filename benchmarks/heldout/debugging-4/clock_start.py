from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.Circle(win, radius=0.05, fillColor='blue')
rt_clock = core.Clock()
for trial in range(3):
    stim.draw()
    win.flip()
    rt_clock.start()
    event.waitKeys(keyList=['space'])
    print(rt_clock.getTime())
win.close()
core.quit()
