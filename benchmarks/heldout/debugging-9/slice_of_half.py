import random
from psychopy import visual, core, event

faces = ['face%d' % i for i in range(10)]
random.shuffle(faces)
practice = faces[:len(faces) * 0.5]
win = visual.Window([800, 600], units='height')
label = visual.TextStim(win, height=0.06)
for name in practice:
    label.text = name
    label.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
