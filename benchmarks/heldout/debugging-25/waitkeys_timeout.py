from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press space to begin', height=0.05)
prompt.draw()
win.flip()
keys = event.waitKeys(maxWait=0.5, keyList=['space', 'escape'])
if keys[0] == 'escape':
    core.quit()
win.flip()
core.wait(0.1)
win.close()
core.quit()
