from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['red', 'green', 'blue']
inks = ['green', 'blue', 'red']
stim = visual.TextStim(win, height=0.08)
for n, word in enumerate(words, 1):
    stim.text = word
    stim.color = inks[n]
    stim.draw()
    win.flip()
    core.wait(0.1)
    print('trial', n, 'of', len(words))
win.close()
core.quit()
