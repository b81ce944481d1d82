import itertools
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
trials = list(itertools.product(['A', 'B'], [0.1, 0.2]))
letter = visual.TextStim(win)
clock = core.Clock()
for trial in trials:
    letter.text = trial[0]
    letter.height = trial[1]
    letter.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    trial['rt'] = clock.getTime()
print(trials)
win.close()
core.quit()
