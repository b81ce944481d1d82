from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
scores = {'block1': 8, 'block2': 11}
total = sum(scores)
msg = visual.TextStim(win, text='Total score: %d' % total, height=0.05)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
