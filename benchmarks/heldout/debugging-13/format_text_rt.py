from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
feedback = visual.TextStim(win, height=0.06)
clock = core.Clock()
event.waitKeys(keyList=['space'])
rt_text = str(clock.getTime())
feedback.text = 'Your time: {:.2f} s'.format(rt_text)
feedback.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
