from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
bar = visual.Rect(win, width=0.1, height=0.3, fillColor='white')
held = 0.0
for trial in range(3):
    bar.draw()
    win.flip()
    keys = kb.waitKeys(keyList=['space'], waitRelease=False)
    held += keys[0].duration
print('mean hold', held / 3)
win.close()
core.quit()
