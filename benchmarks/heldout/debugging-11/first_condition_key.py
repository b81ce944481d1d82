from psychopy import visual, core, event

conditions = {'congruent': ('RED', 'red'), 'incongruent': ('RED', 'blue')}
win = visual.Window([800, 600], units='height')
word = visual.TextStim(win, height=0.1)
practice = conditions.keys()[0]
text, colour = conditions[practice]
word.text = text
word.color = colour
word.draw()
win.flip()
event.waitKeys(keyList=['r', 'b'])
win.close()
core.quit()
