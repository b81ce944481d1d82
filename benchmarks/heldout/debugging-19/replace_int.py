from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
template = 'Block N of 3: press space'
text = visual.TextStim(win, height=0.06)
for block in range(3):
    text.text = template.replace('N', block + 1)
    text.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
