from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
instructions = visual.Textstim(win, text='Press any key', height=0.05)
instructions.draw()
win.flip()
event.waitKeys()
win.close()
core.quit()
