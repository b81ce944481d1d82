import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.1)
counts = {}
for trial in range(4):
    colour = random.choice(['red', 'green'])
    word.text = colour
    word.draw()
    win.flip()
    key = event.waitKeys(keyList=['r', 'g'])[0]
    counts[key] += 1
print(counts)
win.close()
core.quit()
