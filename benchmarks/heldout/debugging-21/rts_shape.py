from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.TextStim(win, text='GO', height=0.1)
clock = core.Clock()
rts = []
for trial in range(3):
    go.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
print('trials answered:', rts.shape[0])
win.close()
core.quit()
