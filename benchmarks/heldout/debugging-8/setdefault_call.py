from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.08)
scores = {}
for block in ['practice', 'main', 'main']:
    label.text = block
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    scores.setdefault(block).append(1)
print(scores)
win.close()
core.quit()
