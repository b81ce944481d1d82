from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='?', height=0.1)
results = []
for trial in range(3):
    probe.draw()
    win.flip()
    keys = event.waitKeys(keyList=['y', 'n'])
    results[trial] = keys[0]
print(results)
win.close()
core.quit()
