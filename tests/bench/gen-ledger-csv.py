#!/usr/bin/env python3
"""gen-ledger-csv.py: writes a ledger CSV for the import benchmark.

    gen-ledger-csv.py LINES OUT.csv

Deterministic (fixed seed).  The mix of a real ledger: obligations, plain
expenditures, expenditures that liquidate an obligation earlier in the file,
and adjustments, spread over the allocations bench-import.sh creates
(sources BENCH-1..3, task forces TF-1..2, categories C-1..3, FY2026); US and
ISO dates, amounts with and without separators and dollar signs, some payees
and descriptions quoted with commas.
"""
import random
import sys


def main():
    lines = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20260401)
    open_obligations = []  # (document, source, tf, category, open cents)
    with open(out, "w", newline="") as f:
        f.write("kind,date,paid_date,amount,document_number,payee,description,"
                "source,task_force,category,fiscal_year,obligation\n")
        for i in range(lines):
            s, t, c = rng.randint(1, 3), rng.randint(1, 2), rng.randint(1, 3)
            month, day = rng.randint(1, 9), rng.randint(1, 28)
            iso = "2026-%02d-%02d" % (month, day)
            date = iso if i % 3 else "%d/%d/2026" % (month, day)
            roll = rng.random()
            obligation = ""
            paid = ""
            if roll < 0.2:
                kind = "obligation"
                cents = rng.randint(10000, 500000)
                doc = "PO-%07d" % i
                open_obligations.append([doc, s, t, c, cents])
            elif roll < 0.4 and open_obligations:
                kind = "expenditure"
                k = rng.randrange(len(open_obligations))
                doc0, s, t, c, left = open_obligations[k]
                cents = max(1, left // 2)
                open_obligations[k][4] -= cents
                if open_obligations[k][4] <= 1:
                    open_obligations.pop(k)
                obligation = doc0
                doc = "INV-%07d" % i
                paid = iso
            elif roll < 0.92:
                kind = "expenditure"
                cents = rng.randint(100, 250000)
                doc = "PAY-%07d" % i
                paid = iso
            else:
                kind = "adjustment"
                cents = -rng.randint(1, 500)
                doc = "ADJ-%07d" % i
            whole, frac = divmod(abs(cents), 100)
            if i % 4 == 0:
                amount = '"$%s.%02d"' % ("{:,}".format(whole), frac)
            else:
                amount = "%d.%02d" % (whole, frac)
            if cents < 0:
                amount = "(%d.%02d)" % (whole, frac)
            payee = '"Vendor %d, Inc."' % (i % 997) if i % 5 == 0 else "Vendor %d" % (i % 997)
            desc = "Line %d of the generated ledger" % i
            f.write("%s,%s,%s,%s,%s,%s,%s,BENCH-%d,TF-%d,C-%d,FY2026,%s\n"
                    % (kind, date, paid, amount, doc, payee, desc, s, t, c, obligation))


if __name__ == "__main__":
    main()
