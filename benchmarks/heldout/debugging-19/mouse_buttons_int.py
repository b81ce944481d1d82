from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
button = visual.Rect(win, width=0.3, height=0.1, fillColor='grey')
mouse = event.Mouse(win=win)
clock = core.Clock()
while clock.getTime() < 1.0:
    button.draw()
    win.flip()
    if mouse.isPressedIn(button, buttons=0):
        break
win.close()
core.quit()
