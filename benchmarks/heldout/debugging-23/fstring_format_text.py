from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.05)
for line in ['1,0.512', '2,0.634']:
    trial, rt = line.split(',')
    label.text = f'Trial {trial}: {rt:.2f} s'
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
