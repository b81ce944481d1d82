from psychopy import visual, event

win = visual.Window([800, 600], units='height', color='black')
fix = visual.TextStim(win, text='+', height=0.08)
target = visual.Circle(win, radius=0.05, fillColor='white')
for trial in range(5):
    fix.draw()
    win.flip()
    core.wait(0.5)
    target.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
