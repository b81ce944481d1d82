from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='*', height=0.1)
clock = core.Clock()
rts = []
for trial in range(3):
    cue.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rt = clock.getTime()
    rts.extend(rt)
print(sum(rts) / len(rts))
win.close()
core.quit()
