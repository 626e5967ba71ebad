#!/usr/bin/env python3
"""check-xlsx.py: checks an Allot workbook with readers that share no code
with it: openpyxl for cells, formats and sheet settings, and gnumeric's
``ssconvert --recalc`` to recompute every formula.

  check-xlsx.py check WORKBOOK --cli ALLOT_CLI --db DB --as-of DATE [--fy YEAR]
                [--text TEXT]...
      Sheets, titles, headers, frozen header, autofilter, printing, formats;
      every figure against what "allot-cli balances --csv" and "allot-cli
      list ... --csv" print for the same database; each --text is typed text
      that must be in the Ledger as a string cell, never as a formula; and
      every formula recomputed by gnumeric equals the cached result; the
      report sheets: each "SF-425 CODE" equal to "allot-cli report ffr CODE
      --period-end END --as-of DATE --csv" (END: the latest interim period
      end on or before DATE, else the calendar quarter end), its computed
      lines formulas, the receipts of "SF-425 detail" adding up to 10a; the
      "ESAC FYyyyy" sheet equal to "report esac --fy yyyy --csv" with lines
      6 and 8 formulas; the Overtime sheet equal to "report overtime --csv".
  check-xlsx.py recalc WORKBOOK
      Only the formula check.
  check-xlsx.py same WORKBOOK OTHER
      OTHER (exported under another locale) holds the same values, and no
      number in its XML has a decimal comma.
  check-xlsx.py csv ledger|budget FILE --cli ALLOT_CLI --db DB [--fy YEAR]
      A CSV export: BOM, CRLF, RFC 4180; the ledger line for line equal to
      "allot-cli list ledger --csv" except that typed text starting with
      = + - @ carries a leading apostrophe; the budget equal to "allot-cli
      balances --by allocation --csv".
  check-xlsx.py tamper WORKBOOK OUT [--formula FORMULA]
      Writes OUT with the cached result of one SUM formula (or of the first
      formula that is exactly FORMULA, e.g. "C5-C6") off by 1, to prove that
      "recalc" notices.

Prints TAP-style "# ..." diagnostics and exits 1 on the first failed group
of checks, 0 when all pass.
"""

import argparse
import csv
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile

warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
import openpyxl  # noqa: E402

SHEETS = ["Summary", "Budget vs Actual", "Funding Sources", "Ledger", "Task Forces",
          "Obligations Aging"]

HEADERS = {
    "Summary": ["Kind of source", "Authorized", "Allocated", "Obligated", "Expended",
                "Unliquidated", "Available", "% spent"],
    "Budget vs Actual": ["Source", "Kind of source", "Task force", "Cost category", "Fiscal year",
                         "Allocation", "Budget", "Obligated", "Expended", "Unliquidated",
                         "Available", "% spent", "% of period elapsed", "Period start",
                         "Period end", "Source name"],
    "Funding Sources": ["Code", "Name", "Kind of source", "Agency", "Authorized", "Allocated",
                        "Unallocated", "Expended", "Available", "Closed",
                        "Immigration enforcement (legal review)", "Award or agreement number",
                        "Assistance Listing", "Award amount", "Amendments", "Start", "End",
                        "Match required", "Indirect rate type", "Indirect rate", "Indirect base",
                        "Uniform Guidance", "Reporting", "Fund code", "Program code",
                        "Appropriation fiscal year", "Lapse date", "Partner agency",
                        "Reimbursement terms", "Forfeiture program", "Notes"],
    "Ledger": ["Entry", "Date", "Paid", "Kind", "Status", "Amount", "Document", "Payee", "Source",
               "Task force", "Cost category", "Fiscal year", "Allocation", "Obligation", "Voided",
               "Entered by", "Description"],
    "Task Forces": ["Code", "Name", "Lead agency", "Member agencies", "Start", "End",
                    "Immigration enforcement (legal review)", "Federal grants",
                    "State appropriations", "Agreements", "Forfeiture funds", "Cash budget",
                    "Obligated", "Expended", "Unliquidated", "Available", "In kind from partners",
                    "In kind from the jurisdiction", "Total support"],
    "Obligations Aging": ["Entry", "Document", "Obligation date", "Age (days)", "Source",
                          "Kind of source", "Task force", "Cost category", "Fiscal year", "Payee",
                          "Obligated", "Liquidated", "Open", "0–30 days", "31–60 days",
                          "61–90 days", "Over 90 days", "Liquidation deadline", "Days left",
                          "Description"],
}

MONEY_FORMAT = "#,##0.00;[Red]-#,##0.00"
KIND_LABELS = {"grant": "Federal grant", "appropriation": "State appropriation",
               "agreement": "Resource-sharing agreement", "forfeiture": "Forfeiture fund"}
HEADER_ROW = 4          # 1-based, as openpyxl counts
FIRST_ROW = 5

failures = 0


def fail(message):
    global failures
    failures += 1
    print("# FAIL: " + message)


def expect(condition, message):
    if not condition:
        fail(message)
    return condition


def cents(value):
    """Cents of a cell value (float from openpyxl) or of CSV text."""
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        negative = value.startswith("-")
        units, _, frac = value.lstrip("-").partition(".")
        c = int(units) * 100 + int((frac + "00")[:2])
        return -c if negative else c
    return int(round(value * 100))


def cli_csv(args, *command):
    output = subprocess.run([args.cli, "--db", args.db] + list(command) + ["--csv"],
                            check=True, capture_output=True, text=True,
                            env=dict(os.environ, LC_ALL="C.UTF-8")).stdout
    return list(csv.DictReader(io.StringIO(output)))


def fy_options(args):
    return ["--fy", str(args.fy)] if args.fy else []


def data_rows(ws, key_column=1):
    """Rows below the header up to the first empty key cell."""
    rows = []
    for row in ws.iter_rows(min_row=FIRST_ROW):
        if row[key_column - 1].value is None and all(c.value is None for c in row):
            break
        rows.append(row)
    return rows


def by_header(ws):
    return {cell.value: cell.column for cell in ws[HEADER_ROW] if cell.value is not None}


# ---- structure ----

def check_structure(args, wb):
    expect(wb.sheetnames[:len(SHEETS)] == SHEETS,
           "sheets are %r, expected %r first" % (wb.sheetnames, SHEETS))
    extra = wb.sheetnames[len(SHEETS):]
    expect(all(re.match(r"^(SF-425 .+|ESAC FY\d{4}|Overtime)$", n) for n in extra),
           "unexpected report sheets %r" % extra)
    expect(all(len(n) <= 31 for n in wb.sheetnames) and
           len(set(wb.sheetnames)) == len(wb.sheetnames), "sheet names: %r" % wb.sheetnames)
    scope = ("FY%d" % args.fy) if args.fy else "All fiscal years"
    # A file is named by its base name; a server's database as "DBNAME on
    # HOST" (never the whole conninfo, which may hold a password).
    if re.match(r"^\s*[a-z_]+\s*=", args.db):
        db_name = re.findall(r"dbname\s*=\s*(\S+)", args.db)[-1] + " on "
    elif args.db.startswith(("postgresql://", "postgres://")):
        db_name = re.sub(r"[?#].*$", "", args.db).rsplit("/", 1)[-1] + " on "
    else:
        db_name = os.path.basename(args.db)
    props = wb.properties
    expect(props.title and "Task-force funding" in props.title, "workbook title: %r" % props.title)
    expect(props.creator, "workbook author is set")
    expect(props.subject and args.as_of in props.subject, "subject names the as-of date")
    expect(props.created is not None, "creation time is set")
    for name in SHEETS:
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        title = ws["A1"].value or ""
        for part in (name, scope, "as of " + args.as_of, db_name):
            expect(part in title, "%s: title %r lacks %r" % (name, title, part))
        headers = [c.value for c in ws[HEADER_ROW]][:len(HEADERS[name])]
        expect(headers == HEADERS[name], "%s: headers %r" % (name, headers))
        expect(ws.freeze_panes == "A5", "%s: frozen at %r, not below the header" %
               (name, ws.freeze_panes))
        expect(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A4:"),
               "%s: autofilter %r" % (name, ws.auto_filter.ref))
        expect(ws.page_setup.orientation == "landscape", "%s: not landscape" % name)
        expect(ws.sheet_properties.pageSetUpPr is not None and
               ws.sheet_properties.pageSetUpPr.fitToPage, "%s: not fit to page" % name)
        expect(ws.page_setup.fitToWidth in (None, 1, "1") and
               str(ws.page_setup.fitToHeight) == "0",
               "%s: fit %r wide, %r tall" % (name, ws.page_setup.fitToWidth,
                                            ws.page_setup.fitToHeight))
        expect(ws.print_title_rows in ("$1:$4", "1:4"),
               "%s: repeated rows %r" % (name, ws.print_title_rows))
        expect(ws.column_dimensions["A"].width and ws.column_dimensions["A"].width >= 6,
               "%s: column widths set" % name)


def check_formats(ws, columns, kind):
    """Every non-empty data cell of @columns is a number in the money format
    (kind "money") or a real date (kind "date")."""
    n = 0
    headers = set(HEADERS[ws.title])
    for row in ws.iter_rows(min_row=FIRST_ROW):
        for col in columns:
            cell = row[col - 1]
            if cell.value is None or cell.value in headers:
                continue        # empty, or the Summary's second header row
            n += 1
            if kind == "money":
                if not expect(isinstance(cell.value, (int, float)) and
                              cell.number_format == MONEY_FORMAT,
                              "%s!%s: money cell %r in format %r" %
                              (ws.title, cell.coordinate, cell.value, cell.number_format)):
                    return
            else:
                if not expect(isinstance(cell.value, datetime.datetime) and cell.is_date,
                              "%s!%s: %r is not a date" % (ws.title, cell.coordinate,
                                                           cell.value)):
                    return
    return n


def check_all_formats(wb):
    money = {"Summary": ["Authorized", "Allocated", "Obligated", "Expended", "Unliquidated",
                         "Available"],
             "Budget vs Actual": ["Budget", "Obligated", "Expended", "Unliquidated",
                                  "Available"],
             "Ledger": ["Amount"],
             "Task Forces": ["Federal grants", "Cash budget", "Expended", "Total support"],
             "Obligations Aging": ["Obligated", "Liquidated", "Open", "Over 90 days"]}
    dates = {"Budget vs Actual": ["Period start", "Period end"],
             "Funding Sources": ["Start", "End", "Lapse date"],
             "Ledger": ["Date", "Paid"],
             "Obligations Aging": ["Obligation date", "Liquidation deadline"]}
    for name, headers in money.items():
        cols = by_header(wb[name])
        check_formats(wb[name], [cols[h] for h in headers], "money")
    for name, headers in dates.items():
        cols = by_header(wb[name])
        n = check_formats(wb[name], [cols[h] for h in headers], "date")
        expect(n, "%s: some dates" % name)


# ---- figures against the command line ----

def balance_map(rows, key):
    return {r[key]: r for r in rows}


def compare_balance(where, cells, csv_row, fields):
    for header, field in fields:
        got = cents(cells[header])
        want = cents(csv_row[field])
        expect(got == want, "%s: %s is %s, balances --csv says %s" %
               (where, header, got / 100, want / 100))


BALANCE_FIELDS = [("Authorized", "authorized"), ("Allocated", "allocated"),
                  ("Obligated", "obligated"), ("Expended", "expended"),
                  ("Unliquidated", "unliquidated"), ("Available", "available")]


def row_dict(ws, row):
    headers = [c.value for c in ws[HEADER_ROW]]
    return {h: c.value for h, c in zip(headers, row) if h is not None}


def check_summary(args, wb):
    ws = wb["Summary"]
    kinds = balance_map(cli_csv(args, "balances", "--by", "kind", *fy_options(args)), "code")
    seen = 0
    for row in ws.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + 3):
        cells = row_dict(ws, row)
        kind = [k for k, label in KIND_LABELS.items() if label == cells["Kind of source"]]
        if not expect(kind, "Summary: unknown kind %r" % cells["Kind of source"]):
            continue
        want = kinds.get(kind[0], {f: "0.00" for _, f in BALANCE_FIELDS})
        compare_balance("Summary " + kind[0], cells, want, BALANCE_FIELDS)
        seen += 1
    expect(seen == 4, "Summary: four kinds of source")
    total = row_dict(ws, ws[FIRST_ROW + 4])
    expect(total["Kind of source"] == "Total", "Summary: total row")
    for header, field in BALANCE_FIELDS:
        expect(cents(total[header]) == sum(cents(r[field]) for r in kinds.values()),
               "Summary: total %s" % header)

    # By fiscal year and kind, with a total per year.
    years = balance_map(cli_csv(args, "balances", "--by", "fiscal-year", *fy_options(args)),
                        "fiscal_year")
    year_rows = {}
    for row in ws.iter_rows(min_row=FIRST_ROW + 5):
        cells = row_dict(ws, row)
        label = cells.get("Kind of source") or ""
        m = re.match(r"^FY(\d{4}) (.+)$", label)
        if m and m.group(2) in KIND_LABELS.values():
            year_rows.setdefault(m.group(1), {})[m.group(2)] = cells
        m = re.match(r"^Total FY(\d{4})$", label)
        if m:
            expect(m.group(1) in years, "Summary: a total for FY%s" % m.group(1))
            if m.group(1) in years:
                compare_balance("Summary FY%s" % m.group(1), cells, years[m.group(1)],
                                BALANCE_FIELDS)
    expect(sorted(year_rows) == sorted(years), "Summary: years %r, balances says %r" %
           (sorted(year_rows), sorted(years)))
    for year, labels in year_rows.items():
        per_kind = balance_map(cli_csv(args, "balances", "--by", "kind", "--fy", year), "code")
        expect(len(labels) == len(per_kind), "Summary FY%s: kinds" % year)
        for kind, row in per_kind.items():
            cells = labels.get(KIND_LABELS[kind])
            if expect(cells is not None, "Summary FY%s: row for %s" % (year, kind)):
                compare_balance("Summary FY%s %s" % (year, kind), cells, row, BALANCE_FIELDS)


def check_budget(args, wb):
    ws = wb["Budget vs Actual"]
    allocations = balance_map(cli_csv(args, "balances", "--by", "allocation", *fy_options(args)),
                              "id")
    seen = set()
    fields = [("Budget", "authorized"), ("Obligated", "obligated"), ("Expended", "expended"),
              ("Unliquidated", "unliquidated"), ("Available", "available")]
    last_total = None
    for row in data_rows(ws):
        cells = row_dict(ws, row)
        if cells["Allocation"] is None:
            last_total = cells
            continue
        key = str(int(cells["Allocation"]))
        if not expect(key in allocations, "Budget vs Actual: allocation %s unknown" % key):
            continue
        want = allocations[key]
        expect(want["code"] == "%s/%s/%s" % (cells["Source"], cells["Task force"],
                                             cells["Cost category"]),
               "Budget vs Actual: allocation %s is %s" % (key, want["code"]))
        expect(str(cells["Fiscal year"]) == want["fiscal_year"],
               "Budget vs Actual: fiscal year of %s" % key)
        compare_balance("Budget vs Actual allocation " + key, cells, want, fields)
        seen.add(key)
    expect(seen == set(allocations), "Budget vs Actual: %d allocations, balances lists %d" %
           (len(seen), len(allocations)))
    expect(last_total is not None and last_total["Source"] == "Total",
           "Budget vs Actual: grand total row")
    if last_total:
        for header, field in fields:
            expect(cents(last_total[header]) == sum(cents(r[field])
                                                    for r in allocations.values()),
                   "Budget vs Actual: total %s" % header)


def check_sources(args, wb):
    ws = wb["Funding Sources"]
    listed = balance_map(cli_csv(args, "list", "sources", *fy_options(args)), "code")
    lifetime = balance_map(cli_csv(args, "balances", "--by", "source"), "code")
    seen = set()
    for row in data_rows(ws):
        cells = row_dict(ws, row)
        code = cells["Code"]
        if code == "Total":
            continue
        if not expect(code in listed, "Funding Sources: %s not in list sources" % code):
            continue
        seen.add(code)
        expect(cents(cells["Authorized"]) == cents(listed[code]["authorized"]),
               "Funding Sources %s: authorized" % code)
        compare_balance("Funding Sources " + code, cells, lifetime[code],
                        [("Allocated", "allocated"), ("Expended", "expended"),
                         ("Available", "available")])
        expect(cells["Kind of source"] == KIND_LABELS[listed[code]["kind"]],
               "Funding Sources %s: kind" % code)
    expect(seen == set(listed), "Funding Sources: %r, list sources says %r" %
           (sorted(seen), sorted(listed)))


def iso(value):
    return value.strftime("%Y-%m-%d") if isinstance(value, datetime.datetime) else (value or "")


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_ledger(args, wb):
    ws = wb["Ledger"]
    lines = cli_csv(args, "list", "ledger", *fy_options(args))
    rows = data_rows(ws)
    if not expect(len(rows) == len(lines), "Ledger: %d rows, list ledger prints %d" %
                  (len(rows), len(lines))):
        return
    for row, line in zip(rows, lines):
        c = row_dict(ws, row)
        got = {
            "id": text(c["Entry"]), "date": iso(c["Date"]), "paid_date": iso(c["Paid"]),
            "kind": (c["Kind"] or "").lower(), "status": (c["Status"] or "").lower(),
            "amount": cents(c["Amount"]), "document": text(c["Document"]),
            "payee": text(c["Payee"]), "source": text(c["Source"]),
            "task_force": text(c["Task force"]), "category": text(c["Cost category"]),
            "fiscal_year": text(c["Fiscal year"]), "allocation_id": text(c["Allocation"]),
            "obligation_id": text(c["Obligation"]), "voided": (c["Voided"] or "").lower(),
            "entered_by": text(c["Entered by"]), "description": text(c["Description"]),
        }
        want = dict(line)
        want["amount"] = cents(line["amount"])
        if got != want:
            diff = {k: (got[k], want[k]) for k in want if got.get(k) != want[k]}
            fail("Ledger row %s differs from list ledger: %r" % (line["id"], diff))
            return


def check_task_forces(args, wb):
    ws = wb["Task Forces"]
    balances = balance_map(cli_csv(args, "balances", "--by", "task-force", *fy_options(args)),
                           "code")
    seen = set()
    for row in data_rows(ws, key_column=2):
        cells = row_dict(ws, row)
        code = cells["Code"]
        if code == "Total" or code is None:
            continue
        seen.add(code)
        want = balances.get(code, {f: "0.00" for _, f in BALANCE_FIELDS})
        compare_balance("Task Forces " + code, cells, want,
                        [("Cash budget", "authorized"), ("Obligated", "obligated"),
                         ("Expended", "expended"), ("Unliquidated", "unliquidated"),
                         ("Available", "available")])
        kinds = sum(cents(cells[h]) for h in ("Federal grants", "State appropriations",
                                              "Agreements", "Forfeiture funds"))
        expect(kinds == cents(cells["Cash budget"]), "Task Forces %s: kinds add up" % code)
    expect(set(balances) <= seen, "Task Forces: every task force with allocations")


def check_aging(args, wb):
    ws = wb["Obligations Aging"]
    allocations = cli_csv(args, "balances", "--by", "allocation", *fy_options(args))
    as_of = datetime.datetime.strptime(args.as_of, "%Y-%m-%d")
    total_open = 0
    buckets = ["0–30 days", "31–60 days", "61–90 days", "Over 90 days"]
    for row in data_rows(ws):
        cells = row_dict(ws, row)
        if cells["Entry"] == "Total":
            expect(cents(cells["Open"]) == total_open, "Obligations Aging: total open")
            continue
        open_cents = cents(cells["Open"])
        expect(open_cents > 0, "Obligations Aging %s: open amount" % cells["Document"])
        expect(open_cents == cents(cells["Obligated"]) - cents(cells["Liquidated"]),
               "Obligations Aging %s: open = obligated - liquidated" % cells["Document"])
        age = max(0, (as_of - cells["Obligation date"]).days)
        expect(cells["Age (days)"] == age, "Obligations Aging %s: age %r, expected %d" %
               (cells["Document"], cells["Age (days)"], age))
        bucket = 0 if age <= 30 else 1 if age <= 60 else 2 if age <= 90 else 3
        for i, header in enumerate(buckets):
            expect(cents(cells[header]) == (open_cents if i == bucket else 0),
                   "Obligations Aging %s: bucket %s" % (cells["Document"], header))
        if cells["Liquidation deadline"] is not None:
            expect(cells["Days left"] == (cells["Liquidation deadline"] - as_of).days,
                   "Obligations Aging %s: days left" % cells["Document"])
        total_open += open_cents
    want = sum(cents(r["unliquidated"]) for r in allocations)
    expect(total_open == want, "Obligations Aging: open obligations %s, balances' unliquidated %s"
           % (total_open / 100, want / 100))


# ---- federal reports ----

def line_cells(ws):
    """{line id: value cell} of a report sheet (column A = line)."""
    cells = {}
    for row in ws.iter_rows(min_row=FIRST_ROW):
        if row[0].value is None:
            break
        cells[str(row[0].value)] = row
    return cells


def ffr_period_end(args, code):
    """The latest interim period end on or before the as-of date, else the
    calendar quarter end on or before it: what the workbook reports."""
    as_of = datetime.date.fromisoformat(args.as_of)
    ends = [datetime.date.fromisoformat(p["period_end"])
            for p in cli_csv(args, "report", "periods", code, "--as-of", args.as_of)
            if p["type"] != "final" and p["period_end"] <= args.as_of]
    if ends:
        return max(ends)
    for year in (as_of.year, as_of.year - 1):
        for month, day in ((12, 31), (9, 30), (6, 30), (3, 31)):
            end = datetime.date(year, month, day)
            if end <= as_of:
                return end
    return None


FFR_FORMULAS = {"10c", "10g", "10h", "10k", "10o"}


def check_reports(args, wb, formulas):
    periods = cli_csv(args, "report", "periods", "--as-of", args.as_of)
    grants = sorted({p["source"] for p in periods})
    starts = {}
    for p in periods:
        starts[p["source"]] = min(starts.get(p["source"], p["period_start"]), p["period_start"])
    # Sheets by what their title says: names are cut to 31 characters and
    # made unique, so "SF-425 " + code is not always the name.
    ffr_sheets, detail = {}, None
    for name in wb.sheetnames:
        title = wb[name]["A1"].value or ""
        m = re.match(r"^SF-425 Federal Financial Report, (\S+) — ", title)
        if m:
            expect(m.group(1) not in ffr_sheets, "two SF-425 sheets of %s" % m.group(1))
            expect(name == ("SF-425 " + m.group(1))[:31] or re.search(r" \(\d+\)$", name),
                   "SF-425 sheet of %s is named %r" % (m.group(1), name))
            ffr_sheets[m.group(1)] = name
        elif title.startswith("SF-425 detail — "):
            detail = name
    expect(set(ffr_sheets) <= set(grants), "SF-425 sheets of %r" % sorted(ffr_sheets))
    seen = 0
    for code in grants:
        end = ffr_period_end(args, code)
        name = ffr_sheets.get(code, "SF-425 " + code)
        if end.isoformat() < starts[code]:
            expect(name not in wb.sheetnames, "%s: no period has ended, yet a sheet" % name)
            continue
        if not expect(name in wb.sheetnames, "no sheet %r" % name):
            continue
        seen += 1
        ws, wf = wb[name], formulas[name]
        cells = line_cells(ws)
        fcells = line_cells(wf)
        expected = cli_csv(args, "report", "ffr", code, "--period-end", end.isoformat(),
                           "--as-of", args.as_of)
        expect(list(cells) == [r["line"] for r in expected],
               "%s: lines %r, the CLI prints %r" % (name, list(cells),
                                                    [r["line"] for r in expected]))
        note = ws.cell(row=3, column=1).value or ""
        expect(end.isoformat() in note, "%s: note %r lacks the period end %s" % (name, note, end))
        for r in expected:
            row = cells.get(r["line"])
            if row is None:
                continue
            value = row[2].value
            line = r["line"]
            if line.startswith("11a."):
                good = value == r["value"]
            elif line.startswith("11b."):
                good = isinstance(value, float) and abs(value * 100 - float(r["value"])) < 1e-9
            elif line.startswith("11c."):
                good = iso(value) == r["value"]
            else:
                good = cents(value) == cents(r["value"])
            expect(good, "%s line %s: %r, the CLI prints %r" % (name, line, value, r["value"]))
            is_formula = fcells[line][2].data_type == "f"
            expect(is_formula == (line in FFR_FORMULAS or line.startswith("11g.")),
                   "%s line %s: formula %r" % (name, line, fcells[line][2].value))
        # The receipts behind 10a add up to it.
        if detail is not None:
            total = sum(cents(row[5].value) for row in data_rows(wb[detail])
                        if row[0].value == code and row[1].value == "10a")
            expect(total == cents(cells["10a"][2].value),
                   "%s: the detail of 10a adds to %d cents" % (name, total))
    if seen:
        ws = wb[detail] if expect(detail is not None, "no SF-425 detail sheet") else None
        if ws is not None:
            headers = [c.value for c in ws[HEADER_ROW]][:6]
            expect(headers == ["Source", "Line", "Date", "Reference", "Description", "Amount"],
                   "SF-425 detail: headers %r" % headers)
            expect(len(data_rows(ws)) > 0, "SF-425 detail: no rows")
    print("# %d SF-425 sheets equal \"report ffr --csv\"" % seen)

    esac = [n for n in wb.sheetnames if n.startswith("ESAC FY")]
    if expect(len(esac) == 1, "ESAC sheets %r" % esac):
        name = esac[0]
        year = int(name[len("ESAC FY"):])
        if args.fy:
            expect(year == args.fy, "%s for an export of FY%d" % (name, args.fy))
        cells = line_cells(wb[name])
        fcells = line_cells(formulas[name])
        expected = cli_csv(args, "report", "esac", "--fy", str(year))
        expect(list(cells) == [r["line"] for r in expected], "%s: lines %r" % (name, list(cells)))
        for r in expected:
            row = cells.get(r["line"])
            if row is None:
                continue
            for col, key in ((2, "justice"), (3, "treasury")):
                expect(cents(row[col].value) == cents(r[key]),
                       "%s line %s %s: %r, the CLI prints %r" % (name, r["line"], key,
                                                                  row[col].value, r[key]))
                is_formula = fcells[r["line"]][col].data_type == "f"
                expect(is_formula == (r["line"] in ("6", "8")),
                       "%s line %s: formula %r" % (name, r["line"], fcells[r["line"]][col].value))
        print("# %s equals \"report esac --fy %d --csv\"" % (name, year))

    if expect("Overtime" in wb.sheetnames, "no Overtime sheet"):
        ws = wb["Overtime"]
        expected = cli_csv(args, "report", "overtime", *fy_options(args))
        rows = [r for r in data_rows(ws) if r[0].value != "Total"]
        expect(len(rows) == len(expected), "Overtime: %d rows, the CLI prints %d" %
               (len(rows), len(expected)))
        pairs = (("amount", 8), ("reimbursable", 11), ("over_cap", 12), ("remaining", 13),
                 ("billed", 14), ("received", 15), ("outstanding", 16), ("hours", 7))
        for row, r in zip(rows, expected):
            expect(row[0].value == r["agreement"] and row[2].value == r["officer"] and
                   row[5].value == int(r["fiscal_year"]),
                   "Overtime: row %r, the CLI prints %r" % ([c.value for c in row[:6]], r))
            for key, col in pairs:
                expect(cents(row[col].value) == cents(r[key]),
                       "Overtime %s %s: %r, the CLI prints %r" % (r["officer"], key,
                                                                  row[col].value, r[key]))


def check_texts(args, path, wb):
    """Typed text that looks like a formula is a string cell in the Ledger,
    and no formula anywhere carries it."""
    ws = wb["Ledger"]
    with zipfile.ZipFile(path) as z:
        xml = {n: z.read(n).decode("utf-8") for n in z.namelist()
               if n.startswith("xl/worksheets/sheet")}
    for t in args.text or []:
        found = [c for row in ws.iter_rows(min_row=FIRST_ROW) for c in row if c.value == t]
        if expect(found, "Ledger: no cell holds %r" % t):
            for c in found:
                expect(c.data_type == "s", "Ledger!%s: %r has type %r, not a string" %
                       (c.coordinate, t, c.data_type))
        escaped = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for name, content in xml.items():
            for m in re.finditer(r"<f>([^<]*)</f>", content):
                expect(escaped.lstrip("=") not in m.group(1),
                       "%s: formula %r carries typed text" % (name, m.group(1)))
        expect(any("<t>%s</t>" % escaped in content or "<t xml:space=\"preserve\">%s</t>" %
                   escaped in content for content in xml.values()),
               "%r is not written as a string in the sheet XML" % t)


# ---- formulas, recomputed by gnumeric ----

def recalc(path):
    """{(sheet, cell): cached} of every formula and the values gnumeric
    computes for the same cells."""
    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    tmp = tempfile.mkdtemp(prefix="check-xlsx-")
    out = os.path.join(tmp, "recalc.xlsx")
    result = subprocess.run(["ssconvert", "--recalc", path, out], capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(out):
        fail("ssconvert --recalc failed: " + result.stderr.strip())
        shutil.rmtree(tmp, ignore_errors=True)
        return None, None
    recomputed = openpyxl.load_workbook(out, data_only=True)
    cells = {}
    computed = {}
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    cells[(ws.title, c.coordinate)] = cached[ws.title][c.coordinate].value
                    computed[(ws.title, c.coordinate)] = recomputed[ws.title][c.coordinate].value
    shutil.rmtree(tmp, ignore_errors=True)
    return cells, computed


def check_recalc(path):
    cells, computed = recalc(path)
    if cells is None:
        return
    expect(len(cells) >= 20, "only %d formulas" % len(cells))
    bad = 0
    for key, value in cells.items():
        other = computed[key]
        ok = isinstance(value, (int, float)) and isinstance(other, (int, float)) and \
            abs(value - other) <= 1e-6
        if not ok:
            bad += 1
            if bad <= 5:
                fail("%s!%s: cached %r, gnumeric computes %r" % (key[0], key[1], value, other))
    print("# %d formulas recomputed by gnumeric, %d differ from their cached results" %
          (len(cells), bad))


# ---- another locale ----

def check_same(path, other):
    a = openpyxl.load_workbook(path, data_only=True)
    b = openpyxl.load_workbook(other, data_only=True)
    expect(a.sheetnames == b.sheetnames, "sheet names differ")
    n = 0
    for name in a.sheetnames:
        for ra, rb in zip(a[name].iter_rows(), b[name].iter_rows()):
            for ca, cb in zip(ra, rb):
                if ca.row == 2:
                    continue        # details: the export time
                n += 1
                if ca.value != cb.value:
                    fail("%s!%s: %r here, %r there" % (name, ca.coordinate, ca.value, cb.value))
                    return
        expect(a[name].max_row == b[name].max_row, "%s: row counts differ" % name)
    with zipfile.ZipFile(other) as z:
        for member in z.namelist():
            if not member.endswith(".xml"):
                continue
            content = z.read(member).decode("utf-8")
            m = re.search(r"<v>-?\d+,\d+</v>|=\"-?\d+,\d+\"", content)
            expect(m is None, "%s holds a decimal comma: %s" % (member, m and m.group(0)))
    print("# %d cells compared" % n)


NEUTRALISED = {"document", "payee", "source", "task_force", "category", "entered_by",
               "description"}


def check_csv(args):
    with open(args.file, "rb") as f:
        raw = f.read()
    expect(raw.startswith(b"\xef\xbb\xbf"), "%s: no byte-order mark" % args.file)
    body = raw[3:].decode("utf-8")
    expect(body.endswith("\r\n"), "%s: the last line does not end in CRLF" % args.file)
    lines = list(csv.DictReader(io.StringIO(body, newline="")))
    if args.what == "ledger":
        want = cli_csv(args, "list", "ledger", *fy_options(args))
        expect(len(lines) == len(want), "ledger CSV: %d lines, list ledger %d" %
               (len(lines), len(want)))
        for got, line in zip(lines, want):
            expected = dict(line)
            for field in NEUTRALISED:
                if expected[field][:1] in ("=", "+", "-", "@", "\t", "\r"):
                    expected[field] = "'" + expected[field]
            if got != expected:
                fail("ledger CSV line %s: %r" % (line["id"], {k: (got.get(k), v)
                                                            for k, v in expected.items()
                                                            if got.get(k) != v}))
                return
        print("# %d ledger lines compared" % len(lines))
    else:
        want = balance_map(cli_csv(args, "balances", "--by", "allocation", *fy_options(args)),
                           "id")
        expect(len(lines) == len(want), "budget CSV: %d lines, balances %d" %
               (len(lines), len(want)))
        for got in lines:
            row = want.get(got["allocation_id"])
            if not expect(row is not None, "budget CSV: allocation %s" % got["allocation_id"]):
                continue
            for field, other in (("budget", "authorized"), ("obligated", "obligated"),
                                 ("expended", "expended"), ("unliquidated", "unliquidated"),
                                 ("available", "available"), ("fiscal_year", "fiscal_year")):
                expect(got[field] == row[other], "budget CSV %s: %s %s, balances %s" %
                       (got["allocation_id"], field, got[field], row[other]))
            spent = 0 if cents(row["authorized"]) == 0 else \
                cents(row["expended"]) / cents(row["authorized"]) * 100
            expect(abs(float(got["percent_spent"]) - spent) <= 0.005,
                   "budget CSV %s: percent spent" % got["allocation_id"])
        print("# %d budget lines compared" % len(lines))


def tamper(path, out, formula=None):
    """Adds 1 to the cached result of the first SUM formula, or of the first
    formula that is exactly @formula ("C5-C6")."""
    body = r"SUM\([^<]*\)" if formula is None else re.escape(formula)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        done = False
        for item in zin.infolist():
            data = zin.read(item.filename)
            if not done and item.filename.startswith("xl/worksheets/sheet"):
                content = data.decode("utf-8")
                m = re.search(r"(<f>" + body + r"</f><v>)([^<]*)(</v>)", content)
                if m:
                    value = float(m.group(2)) + 1
                    content = content[:m.start(2)] + repr(value) + content[m.end(2):]
                    data = content.encode("utf-8")
                    done = True
            zout.writestr(item, data)
    if not done:
        sys.exit("tamper: no %s formula found" % (formula or "SUM"))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check")
    c.add_argument("workbook")
    c.add_argument("--cli", required=True)
    c.add_argument("--db", required=True)
    c.add_argument("--as-of", required=True)
    c.add_argument("--fy", type=int, default=0)
    c.add_argument("--text", action="append")
    r = sub.add_parser("recalc")
    r.add_argument("workbook")
    s = sub.add_parser("same")
    s.add_argument("workbook")
    s.add_argument("other")
    v = sub.add_parser("csv")
    v.add_argument("what", choices=["ledger", "budget"])
    v.add_argument("file")
    v.add_argument("--cli", required=True)
    v.add_argument("--db", required=True)
    v.add_argument("--fy", type=int, default=0)
    t = sub.add_parser("tamper")
    t.add_argument("workbook")
    t.add_argument("out")
    t.add_argument("--formula")
    args = parser.parse_args()

    if args.command == "tamper":
        tamper(args.workbook, args.out, args.formula)
        return 0
    if args.command == "csv":
        check_csv(args)
    elif args.command == "same":
        check_same(args.workbook, args.other)
    elif args.command == "recalc":
        check_recalc(args.workbook)
    else:
        wb = openpyxl.load_workbook(args.workbook, data_only=True)
        for step in (check_structure, check_summary, check_budget, check_sources, check_ledger,
                     check_task_forces, check_aging):
            step(args, wb)
        check_reports(args, wb, openpyxl.load_workbook(args.workbook, data_only=False))
        check_all_formats(wb)
        check_texts(args, args.workbook, wb)
        check_recalc(args.workbook)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
