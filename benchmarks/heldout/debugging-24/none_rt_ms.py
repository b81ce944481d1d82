from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.05, fillColor='red')
clock = core.Clock()
rt = None
target.draw()
win.flip()
clock.reset()
core.wait(0.5)
keys = event.getKeys(keyList=['space'], timeStamped=clock)
if keys:
    rt = keys[0][1]
rt_ms = rt * 1000
print('RT (ms):', rt_ms)
win.close()
core.quit()
