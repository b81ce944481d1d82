from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
items = [('apple', 'red'), ('lime', 'green'), ('cherry', 'red')]
groups = {}
for word, colour in items:
    groups[colour].append(word)
stim = visual.TextStim(win, text=', '.join(groups['red']), height=0.06, color='red')
stim.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
