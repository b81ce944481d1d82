from psychopy import visual, core, event

settings = {'participant': 'P07', 'fixation_s': '0,5'}
win = visual.Window([800, 600], units='height')
fixation = visual.TextStim(win, text='+', height=0.1)
target = visual.Circle(win, radius=0.05, fillColor='red')
for trial in range(2):
    fixation.draw()
    win.flip()
    core.wait(float(settings['fixation_s']))
    target.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
