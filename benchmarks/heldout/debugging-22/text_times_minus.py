from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
log = ['start=12.50', 'end=13.25']
times = {}
for entry in log:
    key, value = entry.split('=')
    times[key] = value
duration = times['end'] - times['start']
msg = visual.TextStim(win, text='Block took %.2f s' % duration, height=0.05)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
