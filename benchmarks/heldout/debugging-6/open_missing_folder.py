from psychopy import visual, core, event

win = visual.Window([800, 600], units='height')
dot = visual.Circle(win, radius=0.03, fillColor='white')
log = open('results/participant_01.csv', 'w')
log.write('trial,key\n')
for trial in range(3):
    dot.draw()
    win.flip()
    key = event.waitKeys(keyList=['space'])[0]
    log.write(f'{trial},{key}\n')
log.close()
win.close()
core.quit()
