from psychopy import visual, core, event

block_sizes = (2, 3)
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor='green')
for block in range(block_sizes):
    for trial in range(2):
        square.draw()
        win.flip()
        event.waitKeys(keyList=['space'])
win.close()
core.quit()
