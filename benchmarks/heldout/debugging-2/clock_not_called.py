from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
clock = core.Clock()
msg = visual.TextStim(win, text='Press space', height=0.05)
for trial in range(3):
    msg.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime
    msg.text = 'RT: %.3f s' % rt
win.close()
core.quit()
