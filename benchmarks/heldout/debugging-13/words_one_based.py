from psychopy import visual, core, event

words = ['apple', 'river', 'stone']
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
for trial in range(1, len(words) + 1):
    stim.text = words[trial]
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
