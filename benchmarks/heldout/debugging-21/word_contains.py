from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['tree', 'lamp', 'bell', 'rope']
stim = visual.TextStim(win, height=0.08)
for word in words:
    if word.contains('e'):
        stim.color = 'green'
    else:
        stim.color = 'white'
    stim.text = word
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
