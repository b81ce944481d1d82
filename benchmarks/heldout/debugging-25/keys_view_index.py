from psychopy import visual, core

win = visual.Window([800, 600], units='height')
response_map = {'f': 'left', 'j': 'right'}
first_key = response_map.keys()[0]
instructions = visual.TextStim(win, text='Press %s for left' % first_key, height=0.05)
instructions.draw()
win.flip()
core.wait(0.1)
win.close()
core.quit()
