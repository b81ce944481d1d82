from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
message = visual.TextStim(win, height=0.06)

show_instructions('Press space to begin')
for trial in range(2):
    message.text = 'Trial %d' % (trial + 1)
    message.draw()
    win.flip()
    event.waitKeys(keyList=['space'])


def show_instructions(text):
    message.text = text
    message.draw()
    win.flip()
    event.waitKeys(keyList=['space'])


win.close()
core.quit()
