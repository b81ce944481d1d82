from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
digit = visual.TextStim(win, height=0.1)
order = ['1', '2', '3']
order = order.reverse()
digit.text = 'Type the digits backwards, starting with ' + order[0]
digit.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
