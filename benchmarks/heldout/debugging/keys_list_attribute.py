from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
digit = visual.TextStim(win, text='7', height=0.1)
rts = []
for trial in range(4):
    digit.draw()
    win.flip()
    kb.clock.reset()
    keys = kb.waitKeys(keyList=['f', 'j'])
    rts.append(keys.rt)
win.close()
core.quit()
