from psychopy import visual, core

info = {'participant': 's01', 'stim_duration': '0.25'}
duration = int(info['stim_duration'])
win = visual.Window([800, 600], units='height')
square = visual.Rect(win, width=0.2, height=0.2, fillColor='blue')
for trial in range(2):
    square.draw()
    win.flip()
    core.wait(duration)
win.close()
core.quit()
