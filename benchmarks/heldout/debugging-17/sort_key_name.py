from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.08)
clock = core.Clock()
results = []
for w in ['cat', 'house', 'tree']:
    word.text = w
    word.draw()
    win.flip()
    clock.reset()
    event.waitKeys(keyList=['space'])
    results.append({'word': w, 'rt': clock.getTime()})
fastest = sorted(results, key='rt')[0]
print('fastest word:', fastest['word'])
win.close()
core.quit()
