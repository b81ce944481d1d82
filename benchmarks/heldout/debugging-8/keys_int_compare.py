from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, height=0.1)
answers = []
for n in [2, 5, 8]:
    probe.text = str(n)
    probe.draw()
    win.flip()
    key = event.waitKeys(keyList=['1', '2'])[0]
    answers.append(key + 1)
print(answers)
win.close()
core.quit()
