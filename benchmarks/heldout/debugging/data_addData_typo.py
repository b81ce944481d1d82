from psychopy import visual, core, data, event

win = visual.Window([800, 600], units='height')
exp = data.ExperimentHandler(name='demo', savePickle=False, saveWideText=False)
stim = visual.TextStim(win, text='A', height=0.1)
clock = core.Clock()
for trial in range(3):
    stim.draw()
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=['a', 'l'], timeStamped=clock)
    exp.addDta('key', keys[0][0])
    exp.addData('rt', keys[0][1])
    exp.nextEntry()
win.close()
core.quit()
