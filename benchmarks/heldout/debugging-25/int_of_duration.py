from psychopy import visual, core

win = visual.Window([800, 600], units='height')
rows = [{'word': 'cat', 'duration': '0.25'}, {'word': 'dog', 'duration': '0.5'}]
text = visual.TextStim(win, height=0.08)
for row in rows:
    text.text = row['word']
    frames = int(row['duration']) * 60
    for frame in range(int(frames)):
        text.draw()
        win.flip()
win.close()
core.quit()
