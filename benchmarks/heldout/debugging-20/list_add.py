from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press a or l', height=0.06)
responses = []
for trial in range(3):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=['a', 'l'])
    responses.add(keys[0])
print(responses)
win.close()
core.quit()
