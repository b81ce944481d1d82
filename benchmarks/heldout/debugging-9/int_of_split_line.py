from psychopy import visual, core, event

with open('durations.txt', 'w') as f:
    f.write('30,fixation\n60,target\n45,mask\n')

win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.07)
with open('durations.txt') as f:
    for line in f:
        frames = int(line.split(','))
        label.text = line.split(',')[1].strip()
        for frame in range(frames):
            label.draw()
            win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
