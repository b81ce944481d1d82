from psychopy import visual, core

win = visual.Window([800, 600], units='height')
blank = visual.TextStim(win, text='', height=0.1)
for trial in range(2):
    blank.draw()
    win.flip()
    time.sleep(0.2)
win.close()
core.quit()
