from psychopy import visual, core, event

info = {'participant': '01', 'stars': '5'}
win = visual.Window([800, 600], units='height')
rating = visual.TextStim(win, height=0.06)
rating.text = '*' * info['stars']
rating.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
