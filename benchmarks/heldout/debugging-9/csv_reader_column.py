import csv
from psychopy import visual, core, event

with open('stroop_conditions.csv', 'w', newline='') as f:
    f.write('word,colour\nRED,green\nBLUE,red\nGREEN,blue\n')

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.12)
with open('stroop_conditions.csv', newline='') as f:
    rows = csv.reader(f)
    for row in rows:
        stim.text = row['word']
        stim.color = row['colour']
        stim.draw()
        win.flip()
        event.waitKeys(keyList=['r', 'g', 'b'])
win.close()
core.quit()
