from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press f or j', height=0.06)
counts = {}
for trial in range(4):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=['f', 'j'])
    counts[keys] = counts.get(keys, 0) + 1
print(counts)
win.close()
core.quit()
