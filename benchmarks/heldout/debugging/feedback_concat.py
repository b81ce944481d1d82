from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
stim = visual.TextStim(win, text='X', height=0.1)
feedback = visual.TextStim(win, text='', height=0.05)
for trial in range(4):
    stim.draw()
    win.flip()
    kb.clock.reset()
    keys = kb.waitKeys(keyList=['space'])
    rt = keys[0].rt
    feedback.text = 'Your reaction time: ' + round(rt * 1000) + ' ms'
    feedback.draw()
    win.flip()
    core.wait(0.5)
win.close()
core.quit()
