#!/usr/bin/env python3
"""same-csv.py A.csv B.csv: exit 0 when both hold the same rows, whatever
quoting each CSV writer chose (the sqlite3 shell quotes more than Allot)."""
import csv
import sys

with open(sys.argv[1], newline="") as a, open(sys.argv[2], newline="") as b:
    ra, rb = list(csv.reader(a)), list(csv.reader(b))
if ra != rb:
    for i, (x, y) in enumerate(zip(ra, rb)):
        if x != y:
            sys.exit("row %d differs:\n  %s\n  %s" % (i + 1, x, y))
    sys.exit("%d rows against %d" % (len(ra), len(rb)))
