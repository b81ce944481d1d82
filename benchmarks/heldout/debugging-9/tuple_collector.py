from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
target = visual.Rect(win, width=0.1, height=0.1, fillColor='blue')
clock = core.Clock()
responses = ()
for trial in range(3):
    target.draw()
    win.flip()
    clock.reset()
    key = event.waitKeys(keyList=['j', 'k'])[0]
    responses.append((key, clock.getTime()))
print(responses)
win.close()
core.quit()
