#!/usr/bin/env python3
"""gen-ledger-csv.py: the CSV files of the import benchmark.

    gen-ledger-csv.py LINES OUT.csv          a ledger of LINES lines
    gen-ledger-csv.py --allocations OUT.csv  the allocations it is charged to

Deterministic (fixed seed): the same LINES always give the same file.  The
reference data the files name are made by run-bench (and bench-import.sh):
grants BENCH-1..3 running FY2020..FY2026, task forces TF-1..3 and cost
categories C-1..4; the allocations file gives each (grant, task force,
category, fiscal year) its budget, 252 allocations in all.

The ledger has the mix and the quirks of a finance system's export: entries
spread over the seven fiscal years (later years busier) and over every
allocation; 20% obligations, 20% expenditures that liquidate an open
obligation of the same allocation listed earlier in the file, 52% plain
expenditures (most paid, some days after they were incurred), 8%
adjustments; 85% submitted for review, 15% drafts; US (M/D/YYYY) and ISO
dates; amounts with and without thousands separators and dollar signs,
negative ones in parentheses; payees and descriptions quoted when they hold
commas.
"""
import random
import sys

GRANTS = 3
TASK_FORCES = 3
CATEGORIES = 4
FIRST_FY, LAST_FY = 2020, 2026
ALLOCATION_CENTS = 100_000_000_000  # $1,000,000,000.00: never over-spent


def allocations(out):
    with open(out, "w", newline="") as f:
        f.write("source,task_force,category,fiscal_year,amount,description\n")
        for fy in range(FIRST_FY, LAST_FY + 1):
            for s in range(1, GRANTS + 1):
                for t in range(1, TASK_FORCES + 1):
                    for c in range(1, CATEGORIES + 1):
                        f.write("BENCH-%d,TF-%d,C-%d,FY%d,%d.00,Benchmark budget\n"
                                % (s, t, c, fy, ALLOCATION_CENTS // 100))


def money(cents, i):
    whole, frac = divmod(abs(cents), 100)
    if cents < 0:
        return "(%d.%02d)" % (whole, frac)
    if i % 4 == 0:
        return '"$%s.%02d"' % ("{:,}".format(whole), frac)
    return "%d.%02d" % (whole, frac)


def ledger(lines, out):
    rng = random.Random(20260401)
    # Fiscal year weights: later years hold more of the ledger.
    years = list(range(FIRST_FY, LAST_FY + 1))
    weights = [1 + k for k in range(len(years))]
    # Open obligations per allocation: [document, open cents, (month, day)].
    open_obligations = {}
    month_days = [31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30]  # Oct .. Sep
    with open(out, "w", newline="") as f:
        f.write("kind,date,paid_date,amount,document_number,payee,description,"
                "source,task_force,category,fiscal_year,obligation,status\n")
        for i in range(lines):
            fy = rng.choices(years, weights)[0]
            s, t, c = (rng.randint(1, GRANTS), rng.randint(1, TASK_FORCES),
                       rng.randint(1, CATEGORIES))
            key = (s, t, c, fy)
            m = rng.randrange(12)
            year = fy - 1 if m < 3 else fy
            month = (m + 9) % 12 + 1
            day = rng.randint(1, month_days[m])
            iso = "%d-%02d-%02d" % (year, month, day)
            date = iso if i % 3 else "%d/%d/%d" % (month, day, year)
            roll = rng.random()
            obligation = paid = ""
            pending = open_obligations.get(key)
            if roll < 0.2:
                kind = "obligation"
                cents = rng.randint(10_000, 5_000_000)
                doc = "PO-%08d" % i
                open_obligations.setdefault(key, []).append([doc, cents])
            elif roll < 0.4 and pending:
                kind = "expenditure"
                k = rng.randrange(len(pending))
                doc0, left = pending[k]
                cents = max(1, left // 2)
                pending[k][1] -= cents
                if pending[k][1] <= 1:
                    pending.pop(k)
                obligation = doc0
                doc = "INV-%08d" % i
                paid = iso
            elif roll < 0.92:
                kind = "expenditure"
                cents = rng.randint(100, 2_500_000)
                doc = "PAY-%08d" % i
                if rng.random() < 0.9:
                    paid = iso if rng.random() < 0.7 else "%d-%02d-%02d" % (
                        year, month, min(day + rng.randint(1, 20), 28 if month == 2 else 30))
                    paid = max(paid, iso)
            else:
                kind = "adjustment"
                cents = -rng.randint(1, 50_000)
                doc = "ADJ-%08d" % i
            payee = ('"Vendor %d, Inc."' % (i % 997) if i % 5 == 0
                     else "Vendor %d" % (i % 997))
            desc = ('"Line %d, generated"' % i if i % 7 == 0
                    else "Line %d of the generated ledger" % i)
            status = "draft" if rng.random() < 0.15 else "submitted"
            f.write("%s,%s,%s,%s,%s,%s,%s,BENCH-%d,TF-%d,C-%d,FY%d,%s,%s\n"
                    % (kind, date, paid, money(cents, i), doc, payee, desc, s, t, c, fy,
                       obligation, status))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--allocations":
        allocations(sys.argv[2])
    elif len(sys.argv) == 3:
        ledger(int(sys.argv[1]), sys.argv[2])
    else:
        sys.exit("usage: gen-ledger-csv.py LINES OUT.csv | --allocations OUT.csv")


if __name__ == "__main__":
    main()
