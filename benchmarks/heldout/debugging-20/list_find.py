from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['pear', 'plum', 'fig', 'lime']
target = 'fig'
stim = visual.TextStim(win, height=0.08)
position = words.find(target)
stim.text = 'The target is word number %d' % (position + 1)
stim.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
