from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
order = ['A', 'B', 'C', 'D']
order.shuffle()
for letter in order:
    stim.text = letter
    stim.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
