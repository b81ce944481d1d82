from psychopy import visual, core, event

tally = {'f': 0, 'j': 0}
win = visual.Window([800, 600], units='height')
cue = visual.TextStim(win, text='F or J?', height=0.08)
for trial in range(3):
    cue.draw()
    win.flip()
    keys = event.waitKeys(keyList=['f', 'j'])
    tally[keys] += 1
print(tally)
win.close()
core.quit()
