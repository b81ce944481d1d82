from psychopy import visual, core, event

trials = [{'word': 'BLUE', 'ink': 'red'}, {'word': 'GREEN', 'ink': 'green'}]
win = visual.Window([800, 600], units='height')
feedback = visual.TextStim(win, height=0.05)
for trial in trials:
    feedback.text = 'The word {word} was shown in {ink}'.format(trial)
    feedback.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
