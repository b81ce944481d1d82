from psychopy import visual, core, event

blocks = {'easy': 0.8, 'hard': 0.3}
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, text='X', height=0.1)
for name, duration in blocks:
    stim.draw()
    win.flip()
    core.wait(duration)
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
