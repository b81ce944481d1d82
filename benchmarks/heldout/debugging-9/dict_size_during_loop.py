from psychopy import visual, core, event

counts = {'left': 0, 'right': 0, 'up': 0}
win = visual.Window([800, 600], units='height')
arrow = visual.TextStim(win, text='<', height=0.1)
for trial in range(4):
    arrow.draw()
    win.flip()
    key = event.waitKeys(keyList=['left', 'right'])[0]
    counts[key] += 1
for direction in counts:
    if counts[direction] == 0:
        del counts[direction]
print(counts)
win.close()
core.quit()
