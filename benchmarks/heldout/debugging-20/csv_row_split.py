import csv
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'items.csv'), 'w') as f:
    f.write('word,colour\nsun,yellow\nsea,blue\n')
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
with open(os.path.join(here, 'items.csv'), newline='') as f:
    reader = csv.reader(f)
    next(reader)
    for row in reader:
        word, colour = row.split(',')
        stim.text = word
        stim.color = colour
        stim.draw()
        win.flip()
        event.waitKeys(keyList=['space'])
win.close()
core.quit()
