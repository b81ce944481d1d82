from psychopy import visual, core
from psychopy.hardware import keyboard

win = visual.Window([800, 600], units='height')
kb = keyboard.Keyboard()
question = visual.TextStim(win, text='How confident are you? (1-4)', height=0.05)
ratings = []
for trial in range(3):
    question.draw()
    win.flip()
    press = kb.waitKeys(keyList=['1', '2', '3', '4'])[0]
    ratings.append(int(press))
print(sum(ratings) / len(ratings))
win.close()
core.quit()
