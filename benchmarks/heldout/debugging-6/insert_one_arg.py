from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
text = visual.TextStim(win, height=0.08)
blocks = ['practice', 'main']
blocks.insert('break')
for block in blocks:
    text.text = block
    text.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
