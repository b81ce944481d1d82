import csv
import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
target = visual.Circle(win, radius=0.05, fillColor='red')
clock = core.Clock()
writer = csv.writer(os.path.join(here, 'rts.csv'))
for trial in range(2):
    target.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    writer.writerow([trial, clock.getTime()])
win.close()
core.quit()
