import csv
import os
import tempfile
from psychopy import core

rows = [(1, 'left', 0.512), (2, 'right', 0.634)]
path = os.path.join(tempfile.mkdtemp(), 'results.csv')
with open(path, 'w', newline='') as f:
    writer = csv.writer(f)
    writer.writerow('trial', 'side', 'rt')
    for row in rows:
        writer.writerow(row)
print(open(path).read())
core.quit()
