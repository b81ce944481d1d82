from psychopy import visual, core, event

mapping = {'red': 'f', 'blue': 'j'}
win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.1)
keys_allowed = mapping.values()
for colour in mapping:
    word.text = colour
    word.color = colour
    word.draw()
    win.flip()
    event.waitKeys(keyList=[keys_allowed[0], keys_allowed[1]])
win.close()
core.quit()
