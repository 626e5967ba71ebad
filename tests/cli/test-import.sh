#!/usr/bin/env bash
# End-to-end tests of "allot-cli import": the example files, re-import,
# dry run, all or nothing (the whole database compared with sqlite3 .dump, or
# pg_dump on PostgreSQL: see test-lib.sh),
# errors printed as FILE:LINE:COLUMN: message (value), usage errors.  TAP.
set -u

CLI=${ALLOT_CLI:?ALLOT_CLI must point at allot-cli}
SQLITE=${SQLITE3:-sqlite3}
EXAMPLES=$(cd "$(dirname "$0")/../../data/examples" && pwd)
export LC_ALL=C.UTF-8
unset ALLOT_DB

tmp=$(mktemp -d)
n=0
failures=0
# shellcheck source=test-lib.sh
. "$(dirname "$0")/test-lib.sh"
trap 'drop_dbs; rm -rf "$tmp"' EXIT
db=$(new_db allot.db) || exit 1
cd "$tmp" || exit 1

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failures=$((failures + 1)); fi
}

# run EXPECTED-STATUS DESCRIPTION -- ARGS...
run () {
  local expected=$1 what=$2; shift 3
  "$CLI" --db "$db" --user officer.a "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "# expected exit $expected, got $status: allot-cli $*" >&2
    sed 's/^/#   /' "$tmp/out" "$tmp/err" >&2
  fi
  ok $(( status != expected )) "$what (exit $expected)"
}

contains () {  # FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$1"
  local s=$?
  [ $s -ne 0 ] && { echo "# $1 lacks: $2" >&2; sed 's/^/#   /' "$1" >&2; }
  ok $s "$3"
}

same () {  # GOT EXPECTED DESCRIPTION
  [ "$1" = "$2" ]
  local s=$?
  [ $s -ne 0 ] && echo "# got '$1', expected '$2'" >&2
  ok $s "$3"
}

dump () { db_dump "$db"; }
q () { db_sql "$db" "$1"; }

# ---- usage ----
"$CLI" import --help >"$tmp/out" 2>&1; ok $? "import --help exits 0"
contains "$tmp/out" "--dry-run" "--help lists --dry-run"
run 2 "import needs a kind and a file" -- import
run 2 "import needs a file" -- import ledger
run 2 "overtime is not importable yet" -- import overtime x.csv
run 2 "an unknown kind is a usage error" -- import widgets x.csv
contains "$tmp/err" "sources, allocations, ledger, receipts" "the usage error lists the kinds"

# ---- a small jurisdiction ----
run 0 "init" -- init
run 0 "federal agency" -- add agency --code FBI --name "Federal Bureau of Investigation" --level federal
run 0 "local agency" -- add agency --code MPD --name "Metropolitan Police" --level local
run 0 "task force" -- add task-force --code SST --name "Safe Streets" --lead FBI --start 2024-10-01 --member MPD
run 0 "category OT" -- add category --code OT --name Overtime --line a
run 0 "category EQ" -- add category --code EQ --name Equipment --line d

run 2 "--map without =" -- import ledger "$EXAMPLES/ledger.csv" --map Amount
run 2 "--map to an unknown field" -- import ledger "$EXAMPLES/ledger.csv" --map Amount=colour
contains "$tmp/err" "document_number" "the usage error lists the fields"
run 1 "a missing file is refused" -- import ledger "$tmp/nope.csv"

# ---- the example files, in order ----
for kind in sources receipts allocations ledger; do
  before=$(dump)
  run 0 "dry run of the $kind example" -- import "$kind" "$EXAMPLES/$kind.csv" --dry-run
  contains "$tmp/out" "would add" "the dry run lists what would be added ($kind)"
  same "$(dump)" "$before" "the dry run wrote nothing ($kind)"
  run 0 "import the $kind example" -- import "$kind" "$EXAMPLES/$kind.csv"
  contains "$tmp/out" "added, 0 duplicates" "the $kind example was added"
done
same "$(q 'SELECT count(*) FROM sources')" 4 "4 sources"
same "$(q 'SELECT count(*) FROM receipts')" 3 "3 receipts"
same "$(q 'SELECT count(*) FROM allocations')" 4 "4 allocations"
same "$(q 'SELECT count(*) FROM ledger_entries')" 4 "4 ledger entries"
same "$(q "SELECT description FROM ledger_entries WHERE document_number = 'PO-2026-0001'")" \
  "Radios, 10 units" "a quoted comma is kept"
same "$(q "SELECT amount FROM ledger_entries WHERE document_number = 'ADJ-2026-0002'")" -50000 \
  "(500.00) is minus 500"
same "$(q "SELECT count(*) FROM ledger_entries e JOIN ledger_entries o ON e.obligation_id = o.id
           WHERE e.document_number = 'INV-88121' AND o.document_number = 'PO-2026-0001'")" 1 \
  "the expenditure liquidates its obligation"

# ---- the audit event ----
sha=$(sha256sum "$EXAMPLES/ledger.csv" | cut -d' ' -f1)
if is_pg; then
  event_sql="SELECT (after::json ->> 'sha256') || ' ' || (after::json ->> 'rows') || ' '
             || (after::json ->> 'file') || ' ' || \"user\" FROM audit_log
             WHERE action = 'import' AND table_name = 'ledger_entries'"
else
  event_sql="SELECT json_extract(after, '\$.sha256') || ' ' || json_extract(after, '\$.rows') || ' '
             || json_extract(after, '\$.file') || ' ' || \"user\" FROM audit_log
             WHERE action = 'import' AND table_name = 'ledger_entries'"
fi
same "$(q "$event_sql")" \
  "$sha 4 ledger.csv officer.a" "one import event with the file's SHA-256, rows and name"

# ---- re-import adds nothing ----
for kind in sources receipts allocations ledger; do
  counts=$(q 'SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM receipts),
                     (SELECT count(*) FROM allocations), (SELECT count(*) FROM ledger_entries)')
  run 0 "re-import the $kind example" -- import "$kind" "$EXAMPLES/$kind.csv"
  contains "$tmp/out" " 0 added" "nothing added the second time ($kind)"
  contains "$tmp/err" "already exists; skipped" "duplicates are reported ($kind)"
  same "$(q 'SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM receipts),
                    (SELECT count(*) FROM allocations), (SELECT count(*) FROM ledger_entries)')" \
    "$counts" "no record added by the re-import ($kind)"
done
contains "$tmp/err" "ledger.csv:2:5: duplicate: obligation PO-2026-0001 already exists; skipped (PO-2026-0001)" \
  "a duplicate is located"

# ---- quirks through the command line, with --map ----
printf '\xef\xbb\xbfType;Posting Date;Trans Amt;Voucher Ref;Vendor;Fund Source;TF;Cost Category;FY;Batch\r\n' >quirks.csv
printf 'expense;1/20/2026;"$1,000.00";V-1;"  Acme  ";JAG-FY26;SST;OT;FY2026;B1\r\n' >>quirks.csv
printf 'Expense;2026-01-21;(0.00);V-2;"two\r\nlines";JAG-FY26;SST;OT;2026;B1\r\n' >>quirks.csv
before=$(dump)
run 1 "a zero amount is refused by the core rules" -- import ledger quirks.csv --map "Voucher Ref=document_number" --map Batch=ignore
contains "$tmp/err" "quirks.csv:3:3: Amount must be more than zero, not 0.00. ((0.00))" "the refusal is located"
contains "$tmp/err" "quirks.csv: 1 error; nothing was imported." "the count of errors is given"
same "$(dump)" "$before" "the refused file left the database unchanged"
sed -i 's/(0.00)/(0.01)/; s/^Expense/adjustment/' quirks.csv
run 0 "semicolons, BOM, CRLF, US dates, --map" -- import ledger quirks.csv --map "Voucher Ref=document_number" --map Batch=ignore
same "$(q "SELECT payee || '|' || amount || '|' || entry_date FROM ledger_entries WHERE document_number = 'V-1'")" \
  "  Acme  |100000|2026-01-20" "spaces inside quotes kept, money and US date read"
same "$(q "SELECT payee FROM ledger_entries WHERE document_number = 'V-2'" | od -c | head -1 | tr -s ' ')" \
  "0000000 t w o \r \n l i n e s \n" "an embedded CRLF is kept"

# ---- all or nothing: the last line is bad ----
{
  echo "kind,date,amount,document_number,source,task_force,category,fiscal_year"
  echo "obligation,2026-02-01,100.00,PO-A,JAG-FY26,SST,OT,2026"
  echo "obligation,2026-02-02,200.00,PO-B,JAG-FY26,SST,OT,2026"
  echo "obligation,2026-02-03,3OO.00,PO-C,JAG-FY26,SST,OT,2026"
} >last-bad.csv
before=$(dump)
run 1 "a file whose last line is bad is refused" -- import ledger last-bad.csv
contains "$tmp/err" 'last-bad.csv:4:3: amount: is not an amount: unexpected "O" (3OO.00)' \
  "the error is printed as FILE:LINE:COLUMN: message (value)"
same "$(dump)" "$before" "the database is unchanged (full .dump)"

# ---- each kind of error, located ----
{
  echo "kind,date,amount,document_number,source,task_force,category,fiscal_year,obligation"
  echo "obligation,2026-02-30,1.00,X-1,JAG-FY26,SST,OT,2026,"
  echo "obligation,2026-02-01,1.00,X-2,NOPE,SST,OT,2026,"
  echo "expenditure,2026-02-01,1.00,X-3,JAG-FY26,SST,OT,2026,PO-404"
  echo "obligation,2026-02-01,1.00,X-4,JAG-FY26,SST,OT,20266,"
  echo "obligation,2026-02-01,1.00,X-5,JAG-FY26,SST,OT,2026,,surplus"
  echo 'obligation,2026-02-01,1.00,"X-6"6,JAG-FY26,SST,OT,2026,'
} >errors.csv
before=$(dump)
run 1 "a file of errors is refused" -- import ledger errors.csv
cat >expected <<'EOF'
errors.csv:2:2: date: is not a valid date (2026-02-30)
errors.csv:3:5: source: no funding source has this code (NOPE)
errors.csv:4:9: obligation: no obligation has this document number (PO-404)
errors.csv:5:8: fiscal_year: is not a fiscal year such as 2026 or FY2026 (20266)
errors.csv:6:10: more fields than the 9 columns of the header (surplus)
errors.csv:7:4: stray quote: a field with a quote in it must be quoted as a whole, the quote doubled ("")
allot-cli: errors.csv: 6 errors; nothing was imported.
EOF
diff -u expected "$tmp/err" >&2; ok $? "every error, located"
same "$(dump)" "$before" "nothing was written"

# Only the first 100 errors are listed, then a count of the rest.
{
  echo "kind,date,amount,document_number,source,task_force,category,fiscal_year"
  for i in $(seq 1 120); do echo "obligation,2026-02-01,x$i,Y-$i,JAG-FY26,SST,OT,2026"; done
} >many.csv
run 1 "120 bad lines" -- import ledger many.csv
same "$(grep -c '^many.csv:[0-9]*:3: amount' "$tmp/err")" 100 "the first 100 errors are listed"
contains "$tmp/err" "many.csv: … and 20 more errors" "then a count of the rest"

# Over-allocation is refused as in hand entry.
printf 'source,task_force,category,fiscal_year,amount\nJAG-FY26,SST,OT,2027,"90,000.00"\n' >over.csv
run 1 "over-allocation is refused" -- import allocations over.csv
contains "$tmp/err" "over.csv:2:5: Over-allocation: JAG-FY26 has 84500.00 still free to allocate, and 90000.00 was asked." \
  "the over-allocation names what is free"

# ---- undo of a whole import ----
{
  echo "kind,date,amount,document_number,source,task_force,category,fiscal_year"
  echo "obligation,2026-03-02,120.00,PO-U1,JAG-FY26,SST,OT,2026"
  echo "obligation,2026-03-03,80.50,PO-U2,JAG-FY26,SST,OT,2026"
} >undo.csv
live_sum () { q "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE voided = 0"; }
sum_before=$(live_sum)
run 0 "import a file to undo" -- import ledger undo.csv
event=$(sed -n 's/.*allot-cli import --undo \([0-9]*\).*/\1/p' "$tmp/out")
same "$event" "$(q "SELECT max(id) FROM audit_log WHERE action = 'import'")" \
  "the import prints its audit event for --undo"
same "$(live_sum)" "$(q "SELECT $sum_before + 20050")" "the import added 200.50"
run 0 "undo the whole import" -- import --undo "$event"
same "$(live_sum)" "$sum_before" "undo voided what the import added"
same "$(q "SELECT count(*) FROM ledger_entries WHERE document_number IN ('PO-U1', 'PO-U2')
           AND voided = 1 AND void_reason = 'Import of undo.csv undone'")" 2 \
  "each voided entry says why"
before=$(dump)
run 1 "a second undo of the same import is refused" -- import --undo "$event"
same "$(dump)" "$before" "the refused undo changed nothing"
run 1 "an event that is not an import is refused" -- import --undo 1
run 0 "the same file imports again after its undo" -- import ledger undo.csv

echo "1..$n"
exit $(( failures > 0 ))
