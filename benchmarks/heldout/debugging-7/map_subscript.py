from psychopy import visual, core, event

durations_text = '0.2,0.4,0.6'
durations = map(float, durations_text.split(','))
win = visual.Window([800, 600], units='height')
disc = visual.Circle(win, radius=0.1, fillColor='yellow')
for i in range(3):
    disc.draw()
    win.flip()
    core.wait(durations[i])
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
