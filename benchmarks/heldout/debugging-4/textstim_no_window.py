from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
thanks = visual.TextStim(text='Thank you!', height=0.06)
thanks.draw()
win.flip()
event.waitKeys()
win.close()
core.quit()
