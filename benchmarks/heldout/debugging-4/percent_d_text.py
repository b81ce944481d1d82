from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.05)
blocks = ['1', '2', '3']
for block in blocks:
    label.text = 'Block %d of %d' % (block, len(blocks))
    label.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
