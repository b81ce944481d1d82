from psychopy import visual, core, event, data

win = visual.Window([800, 600], units='height')
exp = data.ExperimentHandler(name='rt')
dot = visual.Circle(win, radius=0.03, fillColor='white')
for trial in range(2):
    dot.draw()
    win.flip()
    key = event.waitKeys(keyList=['space'])[0]
    exp.addData('key', key)
    exp.nextEntry()
exp.saveAsWideText()
win.close()
core.quit()
