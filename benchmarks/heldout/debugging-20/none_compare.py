from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
flash = visual.Circle(win, radius=0.05, fillColor='white')
clock = core.Clock()
fast = 0
for trial in range(3):
    flash.draw()
    win.flip()
    clock.reset()
    core.wait(0.1)
    keys = event.getKeys(timeStamped=clock)
    rt = keys[0][1] if keys else None
    if rt < 0.3:
        fast += 1
print('fast responses:', fast)
win.close()
core.quit()
