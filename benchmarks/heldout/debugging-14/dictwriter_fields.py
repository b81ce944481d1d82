import csv
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.08)
clock = core.Clock()
with open(os.path.join(here, 'results.csv'), 'w', newline='') as f:
    writer = csv.DictWriter(f, fieldnames=['trial', 'word'])
    writer.writeheader()
    for trial, text in enumerate(['RED', 'BLUE']):
        word.text = text
        word.draw()
        win.flip()
        clock.reset()
        event.waitKeys(keyList=['space'])
        writer.writerow({'trial': trial, 'word': text, 'rt': clock.getTime()})
win.close()
core.quit()
