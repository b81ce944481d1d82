from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
conditions = [{'type': 'go', 'letter': 'X'}, {'type': 'go', 'letter': 'O'}, {'type': 'go', 'letter': 'X'}]
stim = visual.TextStim(win, height=0.1)
false_alarms = 0
for cond in conditions:
    stim.text = cond['letter']
    stim.draw()
    win.flip()
    keys = event.waitKeys(keyList=['space'])
    if cond['type'] == 'catch' and keys:
        false_alarms += 1
catch = [c for c in conditions if c['type'] == 'catch']
fa_rate = false_alarms / len(catch)
print('false alarm rate', fa_rate)
win.close()
core.quit()
