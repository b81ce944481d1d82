from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
squares = []
for i in range(3):
    squares.append(visual.Rect(win, width=0.1, height=0.1, pos=(0.2(i - 1), 0), fillColor='white'))
for sq in squares:
    sq.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
