from psychopy import visual, core, event

info = {'participant': '07', 'deadline': '1.5'}
win = visual.Window([800, 600], units='height')
go = visual.TextStim(win, text='GO', height=0.1)
clock = core.Clock()
go.draw()
win.flip()
clock.reset()
event.waitKeys(keyList=['space'])
rt = clock.getTime()
if rt > info['deadline']:
    print('too slow')
win.close()
core.quit()
