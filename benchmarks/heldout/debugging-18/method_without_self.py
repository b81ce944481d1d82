from psychopy import visual, core, event


class Feedback:
    def __init__(self, win):
        self.text = visual.TextStim(win, height=0.06)

    def show(message):
        self.text.text = message
        self.text.draw()


win = visual.Window([800, 600], units='height')
feedback = Feedback(win)
for trial in range(2):
    event.waitKeys(keyList=['space'])
    feedback.show('Well done')
    win.flip()
    core.wait(0.2)
win.close()
core.quit()
