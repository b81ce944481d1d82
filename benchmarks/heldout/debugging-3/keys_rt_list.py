from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
arrow = visual.TextStim(win, text='<', height=0.1)
rts = []
for trial in range(3):
    arrow.draw()
    win.flip()
    kb.clock.reset()
    keys = kb.waitKeys(keyList=['left', 'right'])
    rts.append(keys.rt)
print(rts)
win.close()
core.quit()
