from psychopy import visual, core, event

info = {'participant': 's01', 'isi': '0.35'}
win = visual.Window([800, 600], units='height')
cross = visual.TextStim(win, text='+', height=0.08)
isi = round(info['isi'], 2)
for trial in range(3):
    cross.draw()
    win.flip()
    core.wait(isi)
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
