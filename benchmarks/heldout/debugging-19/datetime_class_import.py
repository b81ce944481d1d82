from datetime import datetime
from psychopy import visual, core, event

session_start = datetime.datetime.now()
win = visual.Window([800, 600], units='height')
welcome = visual.TextStim(win, text='Welcome! Press space.', height=0.06)
welcome.draw()
win.flip()
event.waitKeys(keyList=['space'])
print('session started', session_start.strftime('%H:%M'))
win.close()
core.quit()
