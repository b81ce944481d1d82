import pandas as pd
from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
words = ['cat', 'tree']
stim = visual.TextStim(win, height=0.08)
clock = core.Clock()
results = pd.DataFrame(columns=['word', 'rt'])
for word in words:
    stim.text = word
    stim.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    results = results.append({'word': word, 'rt': clock.getTime()}, ignore_index=True)
print(results)
win.close()
core.quit()
