from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
go = visual.Rect(win, width=0.1, height=0.1, fillColor='green')
for trial in range(3):
    go.draw()
    win.flip()
    kb.clock.reset()
    presses = kb.getKeys(keyList=['space'], waitRelease=False)
    print('rt', presses[-1].rt)
win.close()
core.quit()
