from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
letter = visual.TextStim(win, text='F', height=0.1)
correct = 0
for trial in range(4):
    letter.draw()
    win.flip()
    response = kb.waitKeys(keyList=['f', 'j'])
    if response.name == 'f':
        correct += 1
win.close()
core.quit()
