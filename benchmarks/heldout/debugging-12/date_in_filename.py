import datetime
from psychopy import visual, core, event

stamp = datetime.now().strftime('%Y%m%d_%H%M')
filename = 'session_' + stamp + '.txt'
win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, text='Saving to ' + filename, height=0.04)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
