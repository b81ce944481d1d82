from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
info = {'participant': 'P07', 'session': 1}
conditions = [{'word': 'RED', 'colour': 'green'}, {'word': 'BLUE', 'colour': 'blue'}]
stim = visual.TextStim(win, height=0.08)
rows = []
for trial in conditions:
    stim.text = trial['word']
    stim.color = trial['colour']
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
    rows.append(info + trial)
print(rows)
win.close()
core.quit()
