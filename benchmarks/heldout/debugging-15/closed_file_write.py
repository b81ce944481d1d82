import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor='green')
clock = core.Clock()
with open(os.path.join(here, 'rts.csv'), 'w') as out:
    out.write('trial,rt\n')
for trial in range(2):
    square.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    out.write(f'{trial},{clock.getTime()}\n')
win.close()
core.quit()
