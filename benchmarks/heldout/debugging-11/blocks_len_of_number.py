from psychopy import visual, core, event

n_blocks = 2
win = visual.Window([800, 600], units='height')
message = visual.TextStim(win, height=0.06)
for block in range(len(n_blocks)):
    message.text = 'Block %d: press space to start' % (block + 1)
    message.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
