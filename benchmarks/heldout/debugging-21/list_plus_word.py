from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Type a letter (a, s or d)', height=0.05)
typed = []
for trial in range(3):
    prompt.draw()
    win.flip()
    key = event.waitKeys(keyList=['a', 's', 'd'])[0]
    typed = typed + key
print(''.join(typed))
win.close()
core.quit()
