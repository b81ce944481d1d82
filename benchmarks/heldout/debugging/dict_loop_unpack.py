from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, text='', height=0.08)
answers = {'happy': 'h', 'sad': 's', 'angry': 'a'}
for word, key in answers:
    label.text = word
    label.draw()
    win.flip()
    event.waitKeys(keyList=[key])
win.close()
core.quit()
