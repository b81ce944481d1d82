from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
info = visual.TextStim(win, text='', height=0.05)
block_names = ['practice', 'main']
for block, name in enumerate(block_names):
    info.text = 'Block {} ({}) of {}'.format(block + 1, name)
    info.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
