from psychopy import visual, core, event

settings = {'soa': '0.25', 'trials': '3'}
win = visual.Window([800, 600], units='height')
flash = visual.Rect(win, width=0.3, height=0.3, fillColor='white')
soa = int(settings['soa'])
for trial in range(int(settings['trials'])):
    flash.draw()
    win.flip()
    core.wait(soa)
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
