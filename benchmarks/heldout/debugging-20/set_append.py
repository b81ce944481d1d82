import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
pool = ['dog', 'cat', 'owl', 'fox']
shown = set()
stim = visual.TextStim(win, height=0.08)
for trial in range(3):
    word = random.choice(pool)
    shown.append(word)
    stim.text = word
    stim.draw()
    win.flip()
    core.wait(0.1)
print(len(shown), 'different words')
win.close()
core.quit()
