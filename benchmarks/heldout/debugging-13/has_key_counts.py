from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
question = visual.TextStim(win, text='Y or N?', height=0.06)
counts = {}
for trial in range(3):
    question.draw()
    win.flip()
    key = event.waitKeys(keyList=['y', 'n'])[0]
    if counts.has_key(key):
        counts[key] += 1
    else:
        counts[key] = 1
print(counts)
win.close()
core.quit()
