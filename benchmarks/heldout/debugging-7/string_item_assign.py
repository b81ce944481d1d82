from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word_stim = visual.TextStim(win, height=0.1)
words = ['table', 'river', 'candle']
for word in words:
    shown = word
    shown[0] = word[0].upper()
    word_stim.text = shown
    word_stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
