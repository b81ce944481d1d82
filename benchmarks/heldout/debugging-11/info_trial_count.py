from psychopy import visual, core, event

exp_info = {'participant': '07', 'n_trials': '3'}
win = visual.Window([800, 600], units='height')
prompt = visual.TextStim(win, height=0.06)
for trial in range(exp_info['n_trials']):
    prompt.text = 'Participant %s, trial %d' % (exp_info['participant'], trial + 1)
    prompt.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
