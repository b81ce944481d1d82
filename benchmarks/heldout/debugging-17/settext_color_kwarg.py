from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stroop = visual.TextStim(win, height=0.1)
trials = [('RED', 'blue'), ('GREEN', 'red')]
for word, colour in trials:
    stroop.setText(word, color=colour)
    stroop.draw()
    win.flip()
    event.waitKeys(keyList=['r', 'g', 'b'])
win.close()
core.quit()
