from psychopy import visual, core, event

trials = [['left', 0.2], ['right', 0.4], ['left', 0.3]]
win = visual.Window([800, 600], units='height')
arrow = visual.TextStim(win, height=0.1)
for row in trials:
    arrow.text = '<' if row['side'] == 'left' else '>'
    arrow.draw()
    win.flip()
    core.wait(row[1])
    event.waitKeys(keyList=['left', 'right'])
win.close()
core.quit()
