from psychopy import visual, core, keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
text = visual.TextStim(win, text='Press space', height=0.06)
text.draw()
win.flip()
keys = kb.waitKeys(keyList=['space'])
print(keys[0].rt)
win.close()
core.quit()
