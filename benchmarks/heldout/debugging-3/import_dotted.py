import psychopy.visual
import psychopy.core
import psychopy.event

win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, text='Press space to begin')
msg.draw()
win.flip()
event.waitKeys(keyList=['space'])
win.close()
core.quit()
