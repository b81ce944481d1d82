from psychopy import visual, core, event, data

win = visual.Window([800, 600], units='height')
folder = os.path.join(os.getcwd(), 'data')
msg = visual.TextStim(win, text='Saving to ' + folder, height=0.03)
msg.draw()
win.flip()
event.waitKeys()
win.close()
core.quit()
