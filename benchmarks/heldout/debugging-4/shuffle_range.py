import random
from psychopy import visual, core

win = visual.Window([800, 600], units='height')
digit = visual.TextStim(win, height=0.1)
order = range(1, 10)
random.shuffle(order)
for n in order:
    digit.text = str(n)
    digit.draw()
    win.flip()
    core.wait(0.1)
win.close()
core.quit()
