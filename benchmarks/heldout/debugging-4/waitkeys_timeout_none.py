from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Respond quickly!', height=0.05)
misses = 0
for trial in range(3):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(maxWait=0.05, keyList=['space'])
    if len(keys) == 0:
        misses += 1
print(misses)
win.close()
core.quit()
