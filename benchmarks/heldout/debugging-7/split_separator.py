from psychopy import visual, core, event

screen = '800x600'
width, height = screen.split(',')
win = visual.Window([int(width), int(height)], units='pix')
box = visual.Rect(win, width=100, height=100, fillColor='red')
for trial in range(3):
    box.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
