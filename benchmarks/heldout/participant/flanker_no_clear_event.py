# expect: answers=4 stale=yes
# Flanker task reading psychopy.event in a frame loop with a deadline, never clearing between trials.
from psychopy import visual, core, event
win = visual.Window([640, 480], units="height")
arrows = visual.TextStim(win, height=0.1)
timer = core.CountdownTimer()
for i, text in enumerate(["<<<<<", "<<><<", ">>>>>", ">><>>"]):
    arrows.text = text
    timer.reset(2.5)
    answer = []
    onset = core.getTime()
    while timer.getTime() > 0 and not answer:
        arrows.draw()
        win.flip()
        answer = event.getKeys(keyList=["left", "right"], timeStamped=True)
    print("RESPONSE", answer[0][0] if answer else None, round(answer[0][1] - onset, 3) if answer else None)
    win.flip()
    core.wait(0.5)
