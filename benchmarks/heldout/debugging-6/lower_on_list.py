from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Y or N?', height=0.08)
answers = []
for trial in range(3):
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=['y', 'n'])
    answers.append(keys.lower())
print(answers)
win.close()
core.quit()
