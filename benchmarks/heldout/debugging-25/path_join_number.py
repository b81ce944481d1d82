import os
from psychopy import core

participant = 7
session = 2
filename = os.path.join('data', 'sub-%02d' % participant, session)
print('saving to', filename)
core.quit()
