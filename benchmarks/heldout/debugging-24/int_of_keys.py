from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
question = visual.TextStim(win, text='How confident? (1-4)', height=0.05)
ratings = []
for trial in range(2):
    question.draw()
    win.flip()
    keys = event.waitKeys(keyList=['1', '2', '3', '4'])
    ratings.append(int(keys))
print('mean rating', sum(ratings) / len(ratings))
win.close()
core.quit()
