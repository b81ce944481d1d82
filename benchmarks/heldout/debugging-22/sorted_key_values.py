from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
scores = {'ana': 12, 'ben': 7, 'cai': 15}
board = visual.TextStim(win, height=0.05)
order = sorted(scores, key=scores.values, reverse=True)
board.text = 'Winner: ' + order[0]
board.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
