# expect: answers=4 stale=no
# Go/no-go with psychopy.event polled in a frame loop; the buffer is cleared at trial start.
from psychopy import visual, core, event
win = visual.Window([640, 480], units="norm")
go = visual.Circle(win, radius=0.2, fillColor="green")
clock = core.Clock()
for trial in range(4):
    event.clearEvents()
    clock.reset()
    response = None
    while clock.getTime() < 3 and response is None:
        go.draw()
        win.flip()
        pressed = event.getKeys(keyList=["space", "escape"], timeStamped=clock)
        if pressed:
            response = pressed[0]
    print("RESPONSE", response)
    win.flip()
    core.wait(0.3)
