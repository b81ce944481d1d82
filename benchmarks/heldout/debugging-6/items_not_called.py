from psychopy import visual, core, event

params = {'duration': 0.2, 'size': 0.1}
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.1, height=0.1, fillColor='red')
for name, value in params.items:
    print(name, value)
for trial in range(2):
    square.draw()
    win.flip()
    core.wait(params['duration'])
win.close()
core.quit()
