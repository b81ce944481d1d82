import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, text='', height=0.08)
lexicon = {'dog': 'animal', 'hammer': 'tool', 'cat': 'animal', 'saw': 'tool'}
for trial in range(4):
    item = random.choice(lexicon)
    word.text = item
    word.draw()
    win.flip()
    event.waitKeys(keyList=['a', 't'])
win.close()
core.quit()
