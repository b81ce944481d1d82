from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, height=0.06)
answers = {'f': 'left', 'j': 'right'}
for trial in range(3):
    msg.text = 'Which side?'
    msg.draw()
    win.flip()
    key = event.waitKeys()[0]
    if answers.has_key(key):
        print(answers[key])
win.close()
core.quit()
