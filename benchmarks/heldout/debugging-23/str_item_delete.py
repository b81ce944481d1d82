from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = 'STORM'
stim = visual.TextStim(win, height=0.1)
while word:
    stim.text = word
    stim.draw()
    win.flip()
    core.wait(0.1)
    del word[0]
win.close()
core.quit()
