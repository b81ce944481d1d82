from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
experiment_clock = core.Clock()
fix = visual.TextStim(win, text='+', height=0.1)
start = experiment_clock.getTime()
for trial in range(2):
    fix.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
elapsed = experiment_clock - start
print('block took %.2f s' % elapsed)
win.close()
core.quit()
