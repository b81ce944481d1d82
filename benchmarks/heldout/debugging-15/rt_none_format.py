from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
flash = visual.Circle(win, radius=0.05, fillColor='white')
clock = core.Clock()
for trial in range(3):
    flash.draw()
    win.flip()
    clock.reset()
    keys = event.getKeys(keyList=['space'], timeStamped=clock)
    rt = keys[0][1] if keys else None
    print('trial {}: RT {:.3f} s'.format(trial, rt))
    core.wait(0.2)
win.close()
core.quit()
