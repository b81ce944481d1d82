from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.1, height=0.1, fillColor='orange')
shown = 0


def show_square():
    square.draw()
    win.flip()
    shown += 1


for trial in range(3):
    show_square()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
