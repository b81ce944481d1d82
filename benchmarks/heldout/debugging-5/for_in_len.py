from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['apple', 'chair', 'river', 'lamp']
word = visual.TextStim(win, height=0.08)
for i in len(words):
    word.text = words[i]
    word.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
