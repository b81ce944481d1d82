import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, text='', height=0.1)
conditions = [
    {'word': 'RED', 'ink': 'red', 'congruent': True},
    {'word': 'RED', 'ink': 'green', 'congruent': False},
    {'word': 'GREEN', 'ink': 'green', 'congruent': True},
    {'word': 'GREEN', 'ink': 'red', 'congruent': False},
]
random.shuffle(conditions)
for trial in conditions:
    word.text = trial['word']
    word.color = trial['colour']
    word.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'g'])
win.close()
core.quit()
