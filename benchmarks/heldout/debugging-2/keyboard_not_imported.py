from psychopy import visual, core

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
probe = visual.TextStim(win, text='?', height=0.1)
for trial in range(3):
    probe.draw()
    win.flip()
    keys = kb.waitKeys(keyList=['y', 'n'])
win.close()
core.quit()
