from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.08)
trials = [{'word': 'LION', 'animal': 'yes'}, {'word': 'CHAIR', 'animal': 'no'}]
for trial in trials:
    word.text = trial.word
    word.draw()
    win.flip()
    event.waitKeys(keyList=['y', 'n'])
win.close()
core.quit()
