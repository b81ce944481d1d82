import csv
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='X', height=0.1)
clock = core.Clock()
with open('rts.csv', 'w', newline='') as f:
    writer = csv.writer(f)
    for trial in range(3):
        probe.draw()
        win.flip()
        clock.reset()
        event.waitKeys(keyList=['space'])
        writer.writerow(clock.getTime())
win.close()
core.quit()
