from psychopy import visual, core, event

words = ['apple', 'kiwi', 'banana']
longest = max(words, key=len())
win = visual.Window([800, 600], units='height')
stim = visual.TextStim(win, text=longest, height=0.08)
stim.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
