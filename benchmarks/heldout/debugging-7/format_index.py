from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
counter = visual.TextStim(win, height=0.06)
n_blocks = 3
for block in range(n_blocks):
    counter.text = 'Block {1} of {2}'.format(block + 1, n_blocks)
    counter.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
