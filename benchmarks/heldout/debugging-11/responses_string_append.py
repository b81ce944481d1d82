from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
question = visual.TextStim(win, text='Left or right?', height=0.07)
responses = ''
for trial in range(3):
    question.draw()
    win.flip()
    keys = event.waitKeys(keyList=['left', 'right'])
    responses.append(keys[0])
print(responses)
win.close()
core.quit()
