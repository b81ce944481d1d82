from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='*', height=0.1)
delays = ['0.2', '0.4', '0.6']
for trial in range(3):
    cue.draw()
    win.flip()
    core.wait(float(delays))
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
