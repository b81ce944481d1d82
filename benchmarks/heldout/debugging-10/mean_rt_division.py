from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.Circle(win, radius=0.05, fillColor='green')
clock = core.Clock()
rts = []
for trial in range(4):
    stim.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
mean_rt = rts / len(rts)
print('mean RT: %.3f' % mean_rt)
win.close()
core.quit()
