import random
from psychopy import visual, core, event

images = ['A', 'B', 'C', 'D', 'E', 'F']
order = range(len(images))
random.shuffle(order)
win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.1)
for i in order[:3]:
    label.text = images[i]
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
