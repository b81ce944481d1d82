from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
message = visual.TextStim(win, text='Press space when the square appears', height=0.04)
square = visual.Rect(win, width=0.1, height=0.1, fillColor='blue')
message.draw()
win.flip()
event.waitKeys(keyList=['space'])
for trial in range(4):
    core.wait(0.3)
    square.drw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
