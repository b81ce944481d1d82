from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='How sure are you? 1, 2 or 3', height=0.06)
counts = {1: 0, 2: 0, 3: 0}
for trial in range(3):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=['1', '2', '3'])
    counts[keys[0]] += 1
print(counts)
win.close()
core.quit()
