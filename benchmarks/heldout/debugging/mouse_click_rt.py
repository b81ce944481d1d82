from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, text='Press a key to see your score', height=0.05)
scores = {'correct': 0, 'wrong': 0}
for trial in range(3):
    msg.draw()
    win.flip()
    keys = event.waitKeys(keyList=['c', 'w'])
    if keys[0] == 'c':
        scores['correct'] += 1
    else:
        scores['wrong'] += 1
msg.text = 'Correct: %d, wrong: %d, accuracy: %.0f%%' % (scores['correct'], scores['wrong'])
msg.draw()
win.flip()
core.wait(0.5)
win.close()
core.quit()
