import random
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
shapes = ['circle', 'square', 'star', 'ring']
left_label = visual.TextStim(win, height=0.06, pos=(-0.25, 0))
right_label = visual.TextStim(win, height=0.06, pos=(0.25, 0))
for trial in range(2):
    left, right = random.sample(shapes, 3)
    left_label.text = left
    right_label.text = right
    left_label.draw()
    right_label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
