from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.TextStim(win, text='X', height=0.1)
clock = core.Clock()
results = []
for trial in range(3):
    target.draw()
    win.flip()
    clock.reset()
    key = event.waitKeys(keyList=['left', 'right'])[0]
    results.append(key, clock.getTime())
print(results)
win.close()
core.quit()
