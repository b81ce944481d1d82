from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, text='Press space', height=0.06)
clock = core.Clock()
results = []
for trial in range(3):
    stim.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    results.append({'trial': trial, 'rt': clock.getTime()})
fastest = sorted(results)[0]
print('fastest trial:', fastest['trial'])
win.close()
core.quit()
