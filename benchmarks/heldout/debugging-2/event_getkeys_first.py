from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
go = visual.Rect(win, width=0.2, height=0.2, fillColor='green')
hits = 0
for trial in range(4):
    go.draw()
    win.flip()
    pressed = event.getKeys(keyList=['space'])
    if pressed[0] == 'space':
        hits += 1
    core.wait(0.2)
win.close()
core.quit()
