import json
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, text='Press any of a, s, d', height=0.06)
pressed = set()
for trial in range(3):
    prompt.draw()
    win.flip()
    key = event.waitKeys(keyList=['a', 's', 'd'])[0]
    pressed.add(key)
with open('keys_used.json', 'w') as f:
    json.dump({'keys': pressed, 'trials': 3}, f)
win.close()
core.quit()
