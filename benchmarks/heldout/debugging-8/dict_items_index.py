from psychopy import visual, core, event

targets = {'circle': 'c', 'square': 's'}
win = visual.Window([800, 600], units='height')
name = visual.TextStim(win, height=0.08)
pairs = targets.items()
for i in range(2):
    shape, key = pairs[i]
    name.text = shape
    name.draw()
    win.flip()
    event.waitKeys(keyList=[key])
win.close()
core.quit()
