from psychopy import visual, core, data, event

win = visual.Window([800, 600], units='height')
exp = data.ExperimentHandler(name='recall', savePickle=False, saveWideText=False)
cue = visual.TextStim(win, text='Recall', height=0.06)
for trial in range(3):
    cue.draw()
    win.flip()
    keys = event.waitKeys(keyList=['1', '2', '3'])
    exp.addData('response')
    exp.nextEntry()
win.close()
core.quit()
