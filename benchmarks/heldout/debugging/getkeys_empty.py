from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
arrow = visual.TextStim(win, text='>', height=0.1)
results = []
for trial in range(4):
    arrow.draw()
    win.flip()
    kb.clock.reset()
    keys = kb.getKeys(keyList=['left', 'right'])
    results.append((keys[0].name, keys[0].rt))
    core.wait(0.2)
win.close()
core.quit()
