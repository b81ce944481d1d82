from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
flash = visual.Rect(win, width=0.2, height=0.2, fillColor='white')
frame_rate = 60
for trial in range(5):
    n_frames = frame_rate / 20
    for f in range(n_frames):
        flash.draw()
        win.flip()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
