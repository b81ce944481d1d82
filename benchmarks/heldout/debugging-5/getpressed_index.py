from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
mouse = event.Mouse(win=win)
box = visual.Rect(win, width=0.2, height=0.2, fillColor='blue')
for frame in range(20):
    box.draw()
    win.flip()
    buttons = mouse.getPressed()
    if buttons[3]:
        break
win.close()
core.quit()
