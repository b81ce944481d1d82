from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
text = visual.TextStim(win, text='', height=0.08)
durations = [0.8, 0.2, 0.5, 0.35]
schedule = durations.sort()
first = schedule[0]
for d in durations:
    text.text = f'{d:.2f} s'
    text.draw()
    win.flip()
    core.wait(d)
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
