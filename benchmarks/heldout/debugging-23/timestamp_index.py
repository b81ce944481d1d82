from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='*', height=0.1)
clock = core.Clock()
cue.draw()
win.flip()
clock.reset()
event.waitKeys(keyList=['space'])
rt = clock.getTime()[0]
print('RT', rt)
win.close()
core.quit()
