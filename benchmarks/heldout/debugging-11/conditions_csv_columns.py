import csv
import os
from psychopy import visual, core, event

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'faces.csv')
with open(path, 'w', newline='') as f:
    f.write('face,emotion\nf01,happy\nf02,sad\n')
win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.06)
with open(path) as f:
    for row in csv.reader(f):
        label.text = row['emotion']
        label.draw()
        win.flip()
        event.waitKeys(keyList=['space'])
win.close()
core.quit()
