from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press y or n', height=0.06)
answers = {}
for question in ['q1', 'q2']:
    prompt.draw()
    win.flip()
    keys = event.waitKeys(keyList=['y', 'n'])
    answers.update(question, keys[0])
print(answers)
win.close()
core.quit()
