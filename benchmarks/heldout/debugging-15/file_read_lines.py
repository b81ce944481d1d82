import os
from psychopy import visual, core, event

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'words.csv'), 'w') as f:
    f.write('word,colour\nRED,blue\nGREEN,red\n')

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
rows = []
for line in open(os.path.join(here, 'words.csv')).read():
    cells = line.strip().split(',')
    rows.append({'word': cells[0], 'colour': cells[1]})
for row in rows[1:]:
    stim.text = row['word']
    stim.color = row['colour']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
