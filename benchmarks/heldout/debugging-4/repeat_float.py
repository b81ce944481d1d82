import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
n_reps = 6 / 4
trial_list = ['A', 'B'] * n_reps
random.shuffle(trial_list)
for letter in trial_list:
    stim.text = letter
    stim.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
