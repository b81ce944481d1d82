from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.04, fillColor='white')
clock = core.Clock()
rts = []
for trial in range(6):
    catch = trial % 3 == 2
    if catch:
        win.flip()
        core.wait(0.3)
        rts.append(None)
        continue
    dot.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    rts.append(clock.getTime())
ordered = sorted(rts)
print('median RT', ordered[len(ordered) // 2])
win.close()
core.quit()
