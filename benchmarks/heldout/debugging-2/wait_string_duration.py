from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.08)
settings = {'fixation': '0.5', 'trials': 3}
for trial in range(settings['trials']):
    cross.draw()
    win.flip()
    core.wait(settings['fixation'])
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
