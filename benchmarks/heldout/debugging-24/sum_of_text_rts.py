from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
lines = ['trial,rt', '1,0.45', '2,0.51', '3,0.62']
rts = []
for line in lines[1:]:
    trial, rt = line.split(',')
    rts.append(rt)
mean_rt = sum(rts) / len(rts)
msg = visual.TextStim(win, text='Mean RT: %.2f s' % mean_rt, height=0.05)
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
