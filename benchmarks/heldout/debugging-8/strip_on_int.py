from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
number = visual.TextStim(win, height=0.1)
digits = [3, 7, 9]
for digit in digits:
    number.text = digit.strip()
    number.draw()
    win.flip()
    event.waitKeys(keyList=['o', 'e'])
win.close()
core.quit()
