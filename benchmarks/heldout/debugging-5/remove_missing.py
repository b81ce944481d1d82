import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
letters = ['A', 'B', 'C', 'D']
letter = visual.TextStim(win, height=0.1)
for trial in range(3):
    shown = random.choice(letters)
    letters.remove(shown)
    letters.remove('A')
    letter.text = shown
    letter.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
