from psychopy import visual, core, data

win = visual.Window([800, 600], units='height')
conditions = [{'word': 'RED', 'colour': 'red'}, {'word': 'BLUE', 'colour': 'green'}]
trials = data.TrialHandler(conditions)
word = visual.TextStim(win, height=0.1)
for trial in trials:
    word.text = trial['word']
    word.color = trial['colour']
    word.draw()
    win.flip()
    core.wait(0.05)
win.close()
core.quit()
