from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press F or J', height=0.06)
for trial in range(2):
    prompt.draw()
    win.flip()
    keys = event.waitkeys(keyList=['f', 'j'])
    print(keys)
win.close()
core.quit()
