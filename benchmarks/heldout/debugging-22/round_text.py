from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
rows = ['trial,rt', '1,0.4567', '2,0.5123']
summary = visual.TextStim(win, height=0.05)
shown = []
for row in rows[1:]:
    trial, rt = row.split(',')
    shown.append(str(round(rt, 2)))
summary.text = ' '.join(shown)
summary.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
