from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['cat', 'dog', 'owl']
sizes = [0.05, 0.08, 0.11]
stim = visual.TextStim(win)
for word, size in zip(words):
    stim.text = word
    stim.height = size
    stim.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
