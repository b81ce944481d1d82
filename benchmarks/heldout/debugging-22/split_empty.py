from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = 'PLANT'
letter = visual.TextStim(win, height=0.1)
for char in word.split(''):
    letter.text = char
    letter.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
