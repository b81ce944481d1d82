import time
from psychopy import visual, core, event

settings = {}
for line in ['iti=0.1', 'n_trials=2']:
    name, value = line.split('=')
    settings[name] = value
win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.1)
for trial in range(2):
    cross.draw()
    win.flip()
    time.sleep(settings['iti'])
win.close()
core.quit()
