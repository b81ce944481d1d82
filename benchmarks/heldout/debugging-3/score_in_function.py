from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
probe = visual.TextStim(win, text='X', height=0.1)
score = 0

def run_trial(correct_key):
    probe.draw()
    win.flip()
    keys = event.waitKeys(keyList=['f', 'j'])
    score = score + (keys[0] == correct_key)

for key in ['f', 'j', 'f']:
    run_trial(key)
print(score)
win.close()
core.quit()
