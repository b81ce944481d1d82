from psychopy import visual, core, event


class Trial:
    def __int__(self, word, colour):
        self.word = word
        self.colour = colour


win = visual.Window([800, 600], units='height')
trials = [Trial('red', 'green'), Trial('blue', 'blue')]
stim = visual.TextStim(win, height=0.08)
for trial in trials:
    stim.text = trial.word
    stim.color = trial.colour
    stim.draw()
    win.flip()
    event.waitKeys(keyList=['space'])
win.close()
core.quit()
