from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
places = [(-0.3, 0), (0, 0), (0.3, 0)]
rows = ['word,place', 'sun,0', 'moon,2']
stim = visual.TextStim(win, height=0.06)
for row in rows[1:]:
    word, place = row.split(',')
    stim.text = word
    stim.pos = places[place]
    stim.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
