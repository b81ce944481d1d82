from psychopy import visual, core, event, data

win = visual.Window([800, 600], units='height')
exp = data.ExperimentHandler(name='demo', dataFileName='demo_data')
dot = visual.Circle(win, radius=0.03, fillColor='red')
clock = core.Clock()
for trial in range(3):
    dot.draw()
    win.flip()
    clock.reset()
    key, rt = event.waitKeys(keyList=['space'], timeStamped=clock)[0]
    exp.addData('rt')
    exp.nextEntry()
win.close()
core.quit()
