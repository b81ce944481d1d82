from psychopy import visual, core, event

mapping = {'f': 'left', 'j': 'right'}
win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='F = left, J = right', height=0.06)
for trial in range(3):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=mapping.keys)
    print(mapping[keys[0]])
win.close()
core.quit()
