from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['table', 'house', 'river', 'cloud']
stim = visual.TextStim(win, height=0.07)
n_trials = len(words)
for t in range(1, n_trials + 1):
    stim.text = words[t]
    stim.draw()
    win.flip()
    core.wait(0.3)
win.close()
core.quit()
