from psychopy import visual, core, event

animals = ['cat', 'horse', 'owl']
win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.1)
for animal in animals:
    label.text = animal.capitalise()
    label.draw()
    win.flip()
    event.waitKeys(keyList=['y', 'n'])
win.close()
core.quit()
