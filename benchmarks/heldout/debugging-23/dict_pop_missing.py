from psychopy import visual, core, event

info = {'participant': '03', 'session': '1'}
info.pop('debug')
win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, text='Participant ' + info['participant'], height=0.05)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
