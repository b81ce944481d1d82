from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.1)
words = ['apple', 'table', 'orange', 'chair']
for w in words:
    stim.text = w
    if w.startswith(['a', 'e', 'i', 'o', 'u']):
        stim.color = 'yellow'
    else:
        stim.color = 'white'
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
