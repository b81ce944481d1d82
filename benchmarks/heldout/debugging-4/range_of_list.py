from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, height=0.08)
words = ['sun', 'moon', 'star']
for i in range(words):
    stim.text = words[i]
    stim.draw()
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
