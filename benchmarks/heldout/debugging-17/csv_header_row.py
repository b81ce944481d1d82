import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'durations.csv'), 'w') as f:
    f.write('word,duration\nred,0.2\ngreen,0.3\n')
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.1)
with open(os.path.join(here, 'durations.csv')) as f:
    for row in f:
        word, duration = row.strip().split(',')
        stim.text = word
        stim.draw()
        win.flip()
        core.wait(float(duration))
win.close()
core.quit()
