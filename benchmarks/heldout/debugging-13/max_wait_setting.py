from psychopy import visual, core, event

settings = {'max_wait': '1.5', 'keys': 'f,j'}
win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='F or J?', height=0.06)
probe.draw()
win.flip()
keys = event.waitKeys(maxWait=settings['max_wait'], keyList=settings['keys'].split(','))
print(keys)
win.close()
core.quit()
