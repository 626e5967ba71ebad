#!/usr/bin/env bash
# End-to-end tests of allot-cli: exit codes, refusals that leave the database
# unchanged, and balances that tie out.  TAP output.
#
# Expected figures are computed by hand in the comments.
set -u

CLI=${ALLOT_CLI:?ALLOT_CLI must point at allot-cli}
SQLITE=${SQLITE3:-sqlite3}
export LC_ALL=C.UTF-8
unset ALLOT_DB

tmp=$(mktemp -d)
n=0
failures=0
# shellcheck source=test-lib.sh
. "$(dirname "$0")/test-lib.sh"
trap 'drop_dbs; rm -rf "$tmp"' EXIT
db=$(new_db allot.db) || exit 1

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failures=$((failures + 1)); fi
}

# run EXPECTED-STATUS DESCRIPTION -- ARGS...: runs allot-cli as $AS (the
# officer by default), checks the exit status.
AS=officer.a
run () {
  local expected=$1 what=$2; shift 3
  "$CLI" --db "$db" --user "$AS" "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "# expected exit $expected, got $status: allot-cli $*" >&2
    sed 's/^/#   /' "$tmp/err" >&2
  fi
  ok $(( status != expected )) "$what (exit $expected)"
}

contains () {  # FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$1"
  local s=$?
  [ $s -ne 0 ] && { echo "# $1 lacks: $2" >&2; sed 's/^/#   /' "$1" >&2; }
  ok $s "$3"
}

# Everything in the database, for "nothing was written" comparisons.
dump () { db_dump "$db"; }

# ---- usage ----
"$CLI" --help >"$tmp/out" 2>&1; ok $? "--help exits 0"
contains "$tmp/out" "balances" "--help lists the commands"
for c in init demo list add void balances backup; do
  "$CLI" "$c" --help >"$tmp/out" 2>&1; ok $? "$c --help exits 0"
done
"$CLI" >/dev/null 2>&1; ok $(( $? != 2 )) "no command is a usage error (exit 2)"
"$CLI" frobnicate >/dev/null 2>&1; ok $(( $? != 2 )) "unknown command is a usage error"
"$CLI" list --bogus sources >/dev/null 2>&1; ok $(( $? != 2 )) "unknown option is a usage error"
run 2 "list needs to know what" -- list
run 2 "list refuses an unknown list" -- list widgets

# ---- a missing database is refused and not created ----
run 1 "list on a missing database is refused" -- list sources
contains "$tmp/err" "allot-cli init" "the refusal says how to create one"
db_is_blank "$db"; ok $? "nothing was created"

# ---- init ----
run 0 "init creates the database" -- init
skip_unless_sqlite "the database file is private (mode 600)" ||
  { [ "$(stat -c %a "$db")" = 600 ]; ok $? "the database file is private (mode 600)"; }
run 0 "init again opens it and keeps it" -- init

# A file that is not an Allot database is refused and left untouched.
echo "not a database" >"$tmp/foreign.db"
before=$(sha256sum <"$tmp/foreign.db")
"$CLI" --db "$tmp/foreign.db" list sources >/dev/null 2>"$tmp/err"
ok $(( $? != 1 )) "a foreign file is refused (exit 1)"
contains "$tmp/err" "not an Allot database" "the refusal says why"
[ "$before" = "$(sha256sum <"$tmp/foreign.db")" ]; ok $? "the foreign file is unchanged"

# ---- building a small jurisdiction by hand ----
# The first person to write (officer.a) administers the database.
run 0 "add a federal agency" -- add agency --code FBI --name "Federal Bureau of Investigation" --level federal
run 0 "the administrator adds a reviewer" -- users add reviewer.b reviewer
run 0 "list users" -- users list --csv
contains "$tmp/out" "officer.a,administrator" "the first writer is the administrator"
contains "$tmp/out" "reviewer.b,reviewer" "the reviewer has its role"
run 0 "add a local agency" -- add agency --code MPD --name "Metropolitan Police" --level local --ori DC0010000
run 0 "add a task force" -- add task-force --code SST --name "Safe Streets" --lead FBI --start 2024-10-01 --member MPD
run 0 "add a category" -- add category --code OT --name Overtime --line a
run 0 "add a grant" -- add grant --code JAG --name "JAG 2025" --award-number 15PBJA-25-GG-0001 \
  --listing 16.738 --amount '$100,000.00' --start 2024-10-01 --end 2026-09-30 --agency FBI --match 10,000
run 0 "add an appropriation" -- add appropriation --code LOC --name "Local OT" --fund 0100 \
  --program TF01 --fy 2026 --amount 50000 --lapse 2026-09-30
run 0 "add a forfeiture fund" -- add forfeiture --code DOJ --name "DOJ sharing" --program doj
run 0 "add a receipt" -- add receipt --source DOJ --date 2025-11-15 --amount 12000 --case 2025-DC-001
run 0 "add interest" -- add receipt --source DOJ --date 2025-12-31 --amount 35.50 --kind interest
run 0 "add an agreement" -- add agreement --code HSI-MOU --name "HSI MOU" --number MOU-1 \
  --partner FBI --start 2025-10-01 --end 2026-09-30
run 0 "add a contribution" -- add contribution --source HSI-MOU --side partner --form cash \
  --value 5,000.00 --description "Partner cash"
contribution=$(db_sql "$db" "SELECT max(id) FROM contributions")
run 2 "void needs a reason" -- void --kind contribution "$contribution"
run 0 "void the contribution" -- void --kind contribution "$contribution" --reason "Keyed twice"
[ "$(db_sql "$db" "SELECT voided || ' ' || void_reason FROM contributions WHERE id = $contribution")" \
  = "1 Keyed twice" ]; ok $? "the contribution is voided with its reason"
before=$(dump)
run 1 "a voided contribution cannot be voided again" -- void --kind contribution "$contribution" --reason again
[ "$(dump)" = "$before" ]; ok $? "the refused void wrote nothing"
run 0 "add an amendment" -- add amendment --source JAG --date 2025-06-01 --amount 20,000.00 \
  --description "Supplemental award"

# JAG authorized = 100,000.00 + 20,000.00 = 120,000.00
run 0 "allocate from the grant" -- add allocation --source JAG --task-force SST --category OT --fy 2025 --amount 80000 --status submitted
run 0 "allocate from the appropriation" -- add allocation --source LOC --task-force SST --category OT --fy 2026 --amount 50,000.00
run 0 "submit the second allocation" -- submit --allocations 2
AS=reviewer.b
run 0 "the reviewer approves both allocations" -- approve --allocations 1 2
AS=officer.a

# ---- refusals leave the database exactly as it was ----
before=$(dump)
run 1 "over-allocation is refused" -- add allocation --source JAG --task-force SST --category OT --fy 2026 --amount 40000.01
# free = 120,000.00 - 80,000.00 = 40,000.00
contains "$tmp/err" "JAG" "the refusal names the source"
contains "$tmp/err" "40000.00" "the refusal gives the amount still free"
contains "$tmp/err" "40000.01" "the refusal gives the amount asked"
run 1 "an appropriation cannot be allocated to another year" -- add allocation --source LOC --task-force SST --category OT --fy 2025 --amount 1
run 1 "more than two decimals is refused" -- add allocation --source JAG --task-force SST --category OT --fy 2026 --amount 12.345
contains "$tmp/err" '12.345' "the refusal quotes the amount"
run 1 "an impossible date is refused" -- add obligation --allocation 1 --amount 10 --date 2026-02-30 --document PO-X
run 1 "an unknown source code is refused" -- add allocation --source NOPE --task-force SST --category OT --fy 2026 --amount 1
run 2 "a missing required option is a usage error" -- add grant --code G2 --name "No award"
run 1 "a bad Assistance Listing is refused" -- add grant --code G2 --name G2 --award-number X --listing 16738 --amount 1 --start 2025-01-01 --end 2025-12-31
run 1 "an end before the start is refused" -- add grant --code G2 --name G2 --award-number X --listing 16.738 --amount 1 --start 2025-01-01 --end 2024-12-31
run 1 "a duplicate code is refused" -- add agency --code FBI --name Other --level federal
[ "$before" = "$(dump)" ]; ok $? "after every refusal the database is unchanged"

# ---- the ledger ----
run 0 "record an obligation" -- add obligation --allocation 1 --amount 30,000.00 --date 2025-01-15 --document PO-1 --payee "Vendor A" --status submitted
run 0 "a partial liquidation" -- add expenditure --allocation 1 --amount 12,500.00 --date 2025-02-01 --paid 2025-02-10 --document INV-1 --obligation 1 --status submitted
run 0 "a direct expenditure" -- add expenditure --allocation 1 --amount 2,000.00 --date 2025-03-01 --document INV-2
run 0 "a refund adjustment" -- add adjustment --allocation 1 --amount '(250.00)' --date 2025-03-15 --document ADJ-1
run 0 "a mistaken expenditure" -- add expenditure --allocation 2 --amount 999.99 --date 2025-10-05 --document INV-3
run 0 "an expenditure awaiting review" -- add expenditure --allocation 2 --amount 5,000 --date 2025-10-06 --document INV-4 --status submitted
run 1 "an entry cannot be added as approved" -- add expenditure --allocation 2 --amount 1 --date 2025-10-06 --document INV-9 --status approved
contains "$tmp/err" "reviewer approves" "the refusal says who approves"

# ---- review ----
run 0 "submit the drafts" -- submit 3 4
run 1 "whoever entered an entry cannot approve it" -- approve 1
contains "$tmp/err" "separation of duties" "the refusal names the rule"
AS=reviewer.b
run 1 "an expenditure waits for the obligation it liquidates" -- approve 2
contains "$tmp/err" "PO-1" "the refusal names the obligation"
run 2 "returning needs a comment" -- return 4
run 0 "the reviewer returns one entry" -- return 4 --comment "Attach the refund letter"
run 0 "the reviewer approves the rest" -- approve 1 2 3
run 1 "a draft cannot be approved" -- approve 5
AS=officer.a
run 0 "the officer resubmits the returned entry" -- submit 4
AS=reviewer.b
run 0 "and the reviewer approves it" -- approve 4
run 1 "a reviewer cannot change roles" -- users set-role reviewer.b administrator
AS=officer.a
before=$(dump)
run 1 "liquidating more than is open is refused" -- add expenditure --allocation 1 --amount 17,500.01 --date 2025-04-01 --document INV-5 --obligation 1
contains "$tmp/err" "17500.00" "the refusal says what is still open"
run 2 "voiding without a reason is a usage error" -- void 5
run 1 "voiding an obligation with payments is refused" -- void 1 --reason "wrong"
[ "$before" = "$(dump)" ]; ok $? "the ledger refusals changed nothing"
run 0 "void the mistaken expenditure" -- void 5 --reason "entered twice"
run 1 "voiding it again is refused" -- void 5 --reason "again"

run 0 "list the ledger as CSV" -- list ledger --csv
[ "$(wc -l <"$tmp/out")" -eq 7 ]; ok $? "the ledger CSV has a header and six entries"
contains "$tmp/out" ",submitted," "pending entries show their status"
contains "$tmp/out" "INV-3" "voided entries stay in the ledger"
run 0 "list sources" -- list sources --fy 2026
contains "$tmp/out" "LOC" "the FY2026 appropriation is listed for FY2026"

# ---- balances, by hand ----
# JAG: authorized 120,000.00; allocated 80,000.00; obligated 30,000.00;
#      expended 12,500.00 + 2,000.00 - 250.00 = 14,250.00;
#      unliquidated 30,000.00 - 12,500.00 = 17,500.00;
#      available 120,000.00 - 14,250.00 - 17,500.00 = 88,250.00
# LOC: authorized 50,000.00, allocated 50,000.00, nothing counted (INV-3 voided,
#      INV-4 only submitted): available 50,000.00
# DOJ: authorized 12,000.00 + 35.50 = 12,035.50, nothing allocated.
run 0 "balances as CSV" -- balances --csv
contains "$tmp/out" "source,1,JAG,JAG 2025,,120000.00,80000.00,30000.00,14250.00,17500.00,88250.00" "JAG balances match the hand figures"
contains "$tmp/out" "source,2,LOC,Local OT,,50000.00,50000.00,0.00,0.00,0.00,50000.00" "voided and pending entries do not count"
contains "$tmp/out" "source,3,DOJ,DOJ sharing,,12035.50,0.00,0.00,0.00,0.00,12035.50" "receipts and interest authorize the fund"
run 0 "balances for FY2025 by task force" -- balances --fy 2025 --by task-force --csv
contains "$tmp/out" "task-force,1,SST,Safe Streets,2025,80000.00,80000.00,30000.00,14250.00,17500.00,48250.00" "FY2025 task-force budget view"
run 2 "balances refuses an unknown grouping" -- balances --by color
"$CLI" --db "$db" balances >"$tmp/out" 2>&1; ok $? "balances for people"
contains "$tmp/out" '$120,000.00' "people see grouped amounts with the currency"

# Numbers for machines do not depend on the locale.
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  LC_ALL=de_DE.UTF-8 "$CLI" --db "$db" balances --csv >"$tmp/de" 2>&1
  "$CLI" --db "$db" balances --csv >"$tmp/c" 2>&1
  cmp -s "$tmp/de" "$tmp/c"; ok $? "CSV is identical under a comma-decimal locale"
else
  n=$((n + 1)); echo "ok $n # SKIP de_DE.UTF-8 locale not available"
fi

# ---- closed periods ----
run 0 "the administrator closes January 2025" -- close-period 2025-01
run 1 "closing it twice is refused" -- close-period 2025-01
before=$(dump)
run 1 "nothing can be added in a closed month" -- add obligation --allocation 1 --amount 10 --date 2025-01-20 --document PO-2
contains "$tmp/err" "2025-01" "the refusal names the period"
run 1 "nothing dated in it can be voided" -- void 1 --reason "test"
AS=reviewer.b
run 1 "only an administrator closes periods" -- close-period 2025-02
AS=officer.a
[ "$before" = "$(dump)" ]; ok $? "refusals in a closed period changed nothing"
run 2 "reopening needs a reason" -- reopen-period 2025-01
run 0 "the administrator reopens it with a reason" -- reopen-period 2025-01 --reason "late invoice from vendor"
run 0 "the period's history" -- audit list --record periods:1 --csv
contains "$tmp/out" "late invoice from vendor" "the reason is in the audit log"

# ---- compliance checks ----
run 0 "no error findings on a tidy ledger" -- check --as-of 2025-06-30 --csv
run 0 "overspend the FY2026 allocation (50,000.00)" -- add expenditure --allocation 2 --amount 50,000.01 --date 2025-11-01 --document INV-10 --status submitted
AS=reviewer.b
run 0 "approved, it is spent" -- approve 7
AS=officer.a
# 50,000.01 approved (INV-4 is still pending) > 50,000.00
run 1 "check exits 1 on an error finding" -- check --as-of 2025-12-01 --csv
contains "$tmp/out" "error,allocation-overspent,allocations,2," "the finding names the allocation"
contains "$tmp/out" "50000.01 spent or obligated against a budget of 50000.00" "and the amounts"

# ---- the audit trail ----
run 0 "an intact audit log verifies" -- audit verify
run 0 "the history of entry 1" -- audit list --record 1 --csv
contains "$tmp/out" 'status"":""approved' "the approval is in the entry's history"
contains "$tmp/out" "reviewer.b" "with who approved it"
# (The tampering works on a copy of the file with the sqlite3 shell.)
if is_pg; then
  for what in "an edit around the triggers is caught (exit 1)" "the report names the row" \
              "an edited audit record is caught" "the report names the first broken record" \
              "a deleted audit record is caught" "the report names where the chain breaks"; do
    skip_unless_sqlite "$what"
  done
else
  cp "$db" "$tmp/tampered.db"
  "$SQLITE" "$tmp/tampered.db" "DROP TRIGGER audit_ledger_entries_update; UPDATE ledger_entries SET amount = 100 WHERE id = 3;"
  "$CLI" --db "$tmp/tampered.db" audit verify >/dev/null 2>"$tmp/err"; ok $(( $? != 1 )) "an edit around the triggers is caught (exit 1)"
  contains "$tmp/err" "Row 3 of ledger_entries" "the report names the row"
  cp "$db" "$tmp/tampered.db"
  "$SQLITE" "$tmp/tampered.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user = 'nobody' WHERE id = 5;"
  "$CLI" --db "$tmp/tampered.db" audit verify >/dev/null 2>"$tmp/err"; ok $(( $? != 1 )) "an edited audit record is caught"
  contains "$tmp/err" "record 5 was changed" "the report names the first broken record"
  cp "$db" "$tmp/tampered.db"
  "$SQLITE" "$tmp/tampered.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 7;"
  "$CLI" --db "$tmp/tampered.db" audit verify >/dev/null 2>"$tmp/err"; ok $(( $? != 1 )) "a deleted audit record is caught"
  contains "$tmp/err" "record 8 does not follow" "the report names where the chain breaks"
fi
db_sql "$db" "UPDATE audit_log SET \"user\" = 'x' WHERE id = 1" 2>/dev/null; ok $(( $? == 0 )) "the audit log refuses UPDATE"
db_sql "$db" "DELETE FROM ledger_entries WHERE id = 1" 2>/dev/null; ok $(( $? == 0 )) "the ledger refuses DELETE"

# ---- backup ----
if is_pg; then
  for what in "backup writes a copy" "the backup has the same balances" \
              "backup into a missing folder is refused" "no partial backup is left"; do
    skip_unless_sqlite "$what"
  done
else
  run 0 "backup writes a copy" -- backup "$tmp/copy.db"
  "$CLI" --db "$tmp/copy.db" balances --csv >"$tmp/copy" 2>&1
  "$CLI" --db "$db" balances --csv >"$tmp/orig" 2>&1
  cmp -s "$tmp/copy" "$tmp/orig"; ok $? "the backup has the same balances"
  run 1 "backup into a missing folder is refused" -- backup "$tmp/no/such/dir/x.db"
  [ ! -e "$tmp/no/such/dir/x.db.part" ]; ok $? "no partial backup is left"
fi

# ---- audit: who did it ----
who=$(db_sql "$db" "SELECT DISTINCT \"user\" FROM audit_log WHERE table_name = 'ledger_entries' AND action = 'insert'")
[ "$who" = "officer.a" ]; ok $? "the audit log records --user"

# ---- demo ----
demo=$(new_db demo.db) || exit 1
"$CLI" --db "$demo" demo >/dev/null 2>"$tmp/err"; ok $? "demo loads into a new database"
"$CLI" --db "$demo" demo >/dev/null 2>&1; ok $(( $? != 1 )) "demo refuses a database that is not empty"
"$CLI" --db "$demo" balances --csv >"$tmp/demo.csv"
# Tie-out: allocated <= authorized and available = authorized - expended - unliquidated.
# Checked in integer cents by Python's csv module, independently of Allot.
python3 - "$tmp/demo.csv" <<'PY'
import csv, sys
cents = lambda s: int(s.replace(".", ""))
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
bad = [r["code"] for r in rows
       if cents(r["allocated"]) > cents(r["authorized"])
       or cents(r["available"]) != cents(r["authorized"]) - cents(r["expended"]) - cents(r["unliquidated"])]
sys.exit(1 if bad or len(rows) < 5 else 0)
PY
ok $? "demo balances tie out on every source"

echo "1..$n"
exit $(( failures > 0 ))
