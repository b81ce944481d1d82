from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
question = visual.TextStim(win, text='How confident are you? (1-4)', height=0.05)
ratings = []
for trial in range(3):
    question.draw()
    win.flip()
    keys = event.waitKeys(keyList=['num_1', 'num_2', 'num_3', 'num_4'])
    ratings.append(int(keys[0]))
win.close()
core.quit()
