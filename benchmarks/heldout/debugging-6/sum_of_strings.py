from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
question = visual.TextStim(win, text='Rate 1-5', height=0.08)
ratings = []
for trial in range(3):
    question.draw()
    win.flip()
    key = event.waitKeys(keyList=['1', '2', '3', '4', '5'])[0]
    ratings.append(key)
mean_rating = sum(ratings) / len(ratings)
print('mean rating', mean_rating)
win.close()
core.quit()
