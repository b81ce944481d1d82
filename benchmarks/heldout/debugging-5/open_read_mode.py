from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
open('responses.csv', 'a').close()
log = open('responses.csv')
prompt = visual.TextStim(win, text='Left or right?', height=0.06)
for trial in range(3):
    prompt.draw()
    win.flip()
    key = event.waitKeys(keyList=['left', 'right'])[0]
    log.write(f'{trial},{key}\n')
log.close()
win.close()
core.quit()
