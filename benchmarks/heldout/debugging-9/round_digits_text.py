from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
fix = visual.TextStim(win, text='+', height=0.1)
clock = core.Clock()
rts = []
for trial in range(3):
    fix.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(round(clock.getTime(), '3'))
print(rts)
win.close()
core.quit()
