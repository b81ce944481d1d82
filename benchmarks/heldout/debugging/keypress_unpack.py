from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
star = visual.ShapeStim(win, vertices='star7', size=0.1, fillColor='yellow')
log = []
for trial in range(3):
    star.draw()
    win.flip()
    kb.clock.reset()
    name, rt = kb.waitKeys(keyList=['space'])[0]
    log.append(rt)
win.close()
core.quit()
