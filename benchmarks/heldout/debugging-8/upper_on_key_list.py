from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
letter = visual.TextStim(win, text='A', height=0.1)
log = []
for trial in range(3):
    letter.draw()
    win.flip()
    response = event.waitKeys(keyList=['a', 'b'])
    log.append(response.upper())
print(log)
win.close()
core.quit()
