import random
from psychopy import visual, core, event


def make_trials(words, n_repeats):
    trials = []
    for word in words:
        for rep in range(n_repeats):
            trials.append({'word': word, 'rep': rep})
    random.shuffle(trials)


win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
for trial in make_trials(['lion', 'cup'], 1):
    stim.text = trial['word']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
