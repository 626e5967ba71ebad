#!/usr/bin/env bash
# End-to-end tests of "allot-cli report" and of the records behind the
# reports ("add officer|assignment|overtime|cap|claim|claim-payment|
# rate-period|program-income|match", "approve --overtime", "void --kind"):
# exit codes, refusals that leave the database unchanged, and figures that
# were computed by hand in the comments.  TAP output.
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

# run EXPECTED-STATUS DESCRIPTION -- ARGS...: runs allot-cli as $AS.
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

dump () { db_dump "$db"; }

# ---- usage ----
"$CLI" --help >"$tmp/out" 2>&1; ok $? "--help exits 0"
contains "$tmp/out" "report" "--help lists the report command"
"$CLI" report --help >"$tmp/out" 2>&1; ok $? "report --help exits 0"
contains "$tmp/out" "participation" "report --help lists the reports"
for r in ffr periods esac overtime participation burn; do
  "$CLI" report "$r" --help >/dev/null 2>&1; ok $? "report $r --help exits 0"
done
"$CLI" report >/dev/null 2>&1; ok $(( $? != 2 )) "report without a kind is a usage error"
"$CLI" report bogus >/dev/null 2>&1; ok $(( $? != 2 )) "an unknown report is a usage error"

# ---- a small jurisdiction ----
run 0 "init" -- init
run 0 "a reviewer" -- users add rev.b reviewer
run 0 "federal agency" -- add agency --code FBI --name "Federal Bureau of Investigation" --level federal
run 0 "local agency" -- add agency --code MPD --name "Metropolitan Police" --level local
run 0 "task force" -- add task-force --code SST --name "Safe Streets" --lead FBI --start 2024-10-01 --member MPD
run 0 "personnel category" -- add category --code PERS --name Personnel --line a
run 0 "equipment category" -- add category --code EQUIP --name Equipment --line d
run 0 "a grant" -- add grant --code G --name "JAG" --award-number 15PBJA-25-GG-0002 \
  --listing 16.738 --amount 50,000 --start 2024-10-01 --end 2026-09-30 --agency FBI --match 5,000
run 0 "an amendment" -- add amendment --source G --date 2025-02-01 --amount 10,000 --description Supplement
run 0 "an allocation" -- add allocation --source G --task-force SST --category PERS --fy 2025 --amount 40,000 --status submitted
run 0 "an obligation" -- add obligation --allocation 1 --amount 10,000 --date 2024-11-01 --document PO-1 --status submitted
run 0 "a partial liquidation, paid" -- add expenditure --allocation 1 --amount 4,000 --date 2025-01-10 --paid 2025-01-20 --obligation 1 --document INV-1 --status submitted
run 0 "an unpaid direct expenditure" -- add expenditure --allocation 1 --amount 1,500.50 --date 2025-03-15 --document INV-2 --status submitted
AS=rev.b
run 0 "the reviewer approves the allocation" -- approve --allocations 1
run 0 "and the entries" -- approve 1 2 3
AS=officer.a
run 0 "a drawdown" -- add drawdown --source G --date 2025-01-25 --amount 3,000 --reference DD-1
run 0 "a mistaken drawdown" -- add drawdown --source G --date 2025-02-02 --amount 999 --reference DD-2
run 0 "void it" -- void --kind drawdown 2 --reason "Keyed twice"
run 2 "void needs a known kind" -- void --kind bogus 2 --reason x
run 0 "cash match" -- add match --source G --date 2025-02-15 --form cash --amount 1,200 --description "Local overtime"
run 0 "in-kind match" -- add match --source G --date 2025-02-16 --form in_kind --amount 300 --description "Donated space"
run 0 "program income earned" -- add program-income --source G --kind earned --date 2025-02-01 --amount 500 --description Tuition
run 0 "spent, deduction alternative" -- add program-income --source G --kind deduction --date 2025-03-01 --amount 200 --description Materials
run 0 "spent, addition alternative" -- add program-income --source G --kind addition --date 2025-03-02 --amount 100.25 --description Range
run 0 "an indirect rate period" -- add rate-period --source G --type de_minimis --rate 10 --base MTDC --exclude d --start 2024-10-01 --end 2025-06-30

# ---- refusals leave the database exactly as it was ----
before=$(dump)
# 500 earned, 300.25 spent: 199.75 is left, 199.76 is too much.
run 1 "program income spent beyond what was earned" -- add program-income --source G --kind deduction --date 2025-03-03 --amount 199.76 --description Too
run 1 "an overlapping rate period" -- add rate-period --source G --type final --rate 11 --base MTDC --start 2025-06-01 --end 2025-12-31
run 1 "a rate of more than 100%" -- add rate-period --source G --type final --rate 100.01 --base MTDC --start 2025-07-01 --end 2025-12-31
run 1 "an unknown program income kind" -- add program-income --source G --kind spent --date 2025-03-03 --amount 1 --description X
run 1 "match on an unknown source" -- add match --source SST --date 2025-02-15 --form cash --amount 1 --description X
run 2 "match needs a form" -- add match --source G --date 2025-02-15 --amount 1 --description X
[ "$before" = "$(dump)" ]; ok $? "after every refusal the database is unchanged"

# ---- SF-425 ----
run 2 "ffr needs a period end" -- report ffr G
run 2 "ffr needs a grant" -- report ffr --period-end 2025-03-31
run 2 "ffr refuses an unknown basis" -- report ffr G --period-end 2025-03-31 --basis modified
run 1 "ffr refuses an impossible date" -- report ffr G --period-end 2025-02-30
run 1 "ffr refuses an unknown source" -- report ffr NOPE --period-end 2025-03-31
run 1 "ffr refuses a period end before the award" -- report ffr G --period-end 2024-06-30

# Period ending 2025-03-31, cash basis:
#   10a DD-1 3,000.00 (DD-2 voided); 10b INV-1 4,000.00 (paid 2025-01-20);
#   10c 3,000 - 4,000 = -1,000.00; 10d 50,000 + 10,000 = 60,000.00;
#   10e 4,000.00; 10f PO-1 10,000 - 4,000 = 6,000 + INV-2 incurred unpaid
#   1,500.50 = 7,500.50; 10g 11,500.50; 10h 60,000 - 11,500.50 = 48,499.50;
#   10i 5,000.00; 10j 1,200 + 300 = 1,500.00; 10k 3,500.00;
#   10l 500.00; 10m 200.00; 10n 100.25; 10o 500 - 200 - 100.25 = 199.75;
#   11 base: INV-1 (personnel, line a) paid in the rate period 4,000.00;
#   x 10% = 400.00.
# Under a comma-decimal locale the CSV still uses '.'.
export LC_ALL=de_DE.UTF-8   # where installed; C.UTF-8 otherwise, and the test still holds
run 0 "ffr, cash basis, CSV" -- report ffr G --period-end 2025-03-31 --csv
export LC_ALL=C.UTF-8
contains "$tmp/out" "line,label,value" "the CSV has its header"
contains "$tmp/out" "10a,Cash receipts,3000.00" "10a"
contains "$tmp/out" "10b,Cash disbursements,4000.00" "10b"
contains "$tmp/out" "10c,Cash on hand (line a minus b),-1000.00" "10c"
contains "$tmp/out" "10d,Total federal funds authorized,60000.00" "10d"
contains "$tmp/out" "10e,Federal share of expenditures,4000.00" "10e"
contains "$tmp/out" "10f,Federal share of unliquidated obligations,7500.50" "10f, cash basis"
contains "$tmp/out" "10g,Total federal share (sum of lines e and f),11500.50" "10g"
contains "$tmp/out" "10h,Unobligated balance of federal funds (line d minus g),48499.50" "10h"
contains "$tmp/out" "10j,Recipient share of expenditures,1500.00" "10j"
contains "$tmp/out" "10k,Remaining recipient share to be provided (line i minus j),3500.00" "10k"
contains "$tmp/out" "10n,Program income expended in accordance with the addition alternative,100.25" "10n"
contains "$tmp/out" "10o,Unexpended program income (line l minus line m or line n),199.75" "10o"
contains "$tmp/out" "11b.1,Rate (percent),10.00" "11b"
contains "$tmp/out" "11d.1" "11d"
contains "$tmp/out" ",4000.00" "the indirect base"
contains "$tmp/out" "11e.1,Amount charged,400.00" "11e"
contains "$tmp/err" "was due on 2025-04-30" "the past-due warning is on stderr with --csv"

# Accrual basis: 10e 4,000 + 1,500.50 = 5,500.50; 10f 6,000.00; 10g still
# 11,500.50; 11 base 5,500.50 x 10% = 550.05.
run 0 "ffr, accrual basis" -- report ffr G --period-end 2025-03-31 --basis accrual --as-of 2025-04-15 --csv
contains "$tmp/out" "10e,Federal share of expenditures,5500.50" "10e, accrual"
contains "$tmp/out" "10f,Federal share of unliquidated obligations,6000.00" "10f, accrual"
contains "$tmp/out" "10g,Total federal share (sum of lines e and f),11500.50" "10g is the same on both bases"
contains "$tmp/out" "11e.1,Amount charged,550.05" "11e, accrual"
[ ! -s "$tmp/err" ]; ok $? "not yet due on 2025-04-15: no warning"

run 0 "ffr for people" -- report ffr G --period-end 2025-03-31 --as-of 2025-04-15
contains "$tmp/out" "Federal Financial Report (SF-425)" "the title"
contains "$tmp/out" "15PBJA-25-GG-0002" "the award number"
contains "$tmp/out" "due 2025-04-30" "the due date"
contains "$tmp/out" "Federal Bureau of Investigation" "the awarding agency"

# A final report with the obligation still open warns.
run 0 "final ffr" -- report ffr G --period-end 2026-09-30 --final --as-of 2026-10-01
contains "$tmp/out" "Warning: A final report must show no unliquidated obligations" "the final-report warning"

# Reporting periods, as of 2025-04-15: the second quarter is due in 15 days;
# the final report, 2027-01-28, in 365 + 288 = 653 days.
run 0 "periods" -- report periods G --as-of 2025-04-15 --csv
contains "$tmp/out" "G,15PBJA-25-GG-0002,2,quarterly,2025-01-01,2025-03-31,2025-04-30,15" "the second quarter"
contains "$tmp/out" "G,15PBJA-25-GG-0002,8,final,2026-07-01,2026-09-30,2027-01-28,653" "the final report"

# ---- burn rate, as of 2025-03-31 ----
# authorized 60,000.00; January 4,000.00 -> 6.67% spent, 123 of 730 days =
# 16.85% elapsed; March 1,500.50 -> 5,500.50, 9.17%, 182 days = 24.93%.
run 0 "burn" -- report burn G --as-of 2025-03-31 --csv
contains "$tmp/out" "month,spent,cumulative,spent_pct,elapsed_pct" "the burn header"
contains "$tmp/out" "2025-01,4000.00,4000.00,6.67,16.85" "January"
contains "$tmp/out" "2025-03,1500.50,5500.50,9.17,24.93" "March"
run 0 "burn for people" -- report burn G --as-of 2025-03-31
contains "$tmp/out" "Projection:" "the projection"
run 2 "burn needs a source" -- report burn

# ---- overtime ----
run 0 "an agreement" -- add agreement --code AGR --name "FBI overtime" --number FBI-OT-9 --partner FBI --start 2024-10-01 --end 2026-09-30
run 0 "an officer" -- add officer --agency MPD --badge 4127 --name "Det. Alvarez"
run 0 "another officer" -- add officer --agency MPD --badge 5000 --name "Ofc. Unassigned"
run 0 "an assignment" -- add assignment --officer 4127 --task-force SST --agreement AGR --start 2024-10-01
run 0 "a cap" -- add cap --agreement AGR --fy 2025 --annual 500 --monthly 300
# 4.00 h x 50.00 x 1.5 = 300.00; 2.50 h -> 187.50 (January's 300.00 cap is
# used up: all over); 3.00 h x 50.00 x 2 = 300.00 (200.00 left of the year).
run 0 "overtime 1" -- add overtime --officer 4127 --task-force SST --date 2025-01-10 --case C-1 --hours 4 --rate 50
contains "$tmp/out" "300.00" "the amount is computed"
run 0 "overtime 2" -- add overtime --officer 4127 --task-force SST --date 2025-01-20 --case C-1 --hours 2.5 --rate 50
run 0 "overtime 3" -- add overtime --officer 4127 --task-force SST --date 2025-02-10 --case C-2 --hours 3 --rate 50 --multiplier 2
run 1 "the officer who entered it cannot approve it" -- approve --overtime 1
AS=rev.b
run 0 "the reviewer approves the overtime" -- approve --overtime 1 2 3
AS=officer.a
# Reimbursable 300 + 0 + 200 = 500.00: billed all of it, 450.00 paid.
run 0 "a claim" -- add claim --agreement AGR --officer 4127 --task-force SST --invoice OT-1 --date 2025-03-05 --start 2025-01-01 --end 2025-02-28 --amount 500
run 0 "a payment" -- add claim-payment --claim 1 --date 2025-04-01 --amount 450

# list officers / overtime: the records as entered, amounts as computed above.
run 0 "list officers" -- list officers --csv
contains "$tmp/out" "id,agency,badge,name,active,assignments" "the officers header"
contains "$tmp/out" ",MPD,4127,Det. Alvarez,yes,SST/AGR 2024-10-01.." "the assigned officer and his detail"
contains "$tmp/out" ",MPD,5000,Ofc. Unassigned,yes," "the officer without an assignment"
run 0 "list overtime" -- list overtime --fy 2025 --csv
contains "$tmp/out" "1,2025-01-10,2025,4127,Det. Alvarez,SST,AGR,C-1,4.00,50.00,1.50,300.00,approved,no,officer.a," "overtime 1: 4 h x 50.00 x 1.5"
contains "$tmp/out" "2,2025-01-20,2025,4127,Det. Alvarez,SST,AGR,C-1,2.50,50.00,1.50,187.50,approved" "overtime 2: 2.5 h x 50.00 x 1.5"
contains "$tmp/out" "3,2025-02-10,2025,4127,Det. Alvarez,SST,AGR,C-2,3.00,50.00,2.00,300.00,approved" "overtime 3: double time"
run 0 "list overtime of another federal year" -- list overtime --fy 2026 --csv
[ "$(wc -l <"$tmp/out")" -eq 1 ]; ok $? "no overtime in FY2026: the header alone"
run 0 "list overtime for people" -- list overtime
contains "$tmp/out" "\$187.50" "people read dollars"
run 2 "list needs a known kind" -- list officer
run 1 "list overtime refuses a fiscal year out of range" -- list overtime --fy 12

before=$(dump)
run 1 "overtime of an officer not assigned" -- add overtime --officer 5000 --task-force SST --date 2025-01-10 --case C-1 --hours 1 --rate 50
run 1 "an unknown badge" -- add overtime --officer 9999 --task-force SST --date 2025-01-10 --case C-1 --hours 1 --rate 50
run 2 "overtime needs hours" -- add overtime --officer 4127 --task-force SST --date 2025-01-10 --case C-1 --rate 50
run 1 "hours with three decimals" -- add overtime --officer 4127 --task-force SST --date 2025-01-10 --case C-1 --hours 1.125 --rate 50
run 1 "a claim beyond what is reimbursable" -- add claim --agreement AGR --officer 4127 --task-force SST --invoice OT-2 --date 2025-03-06 --start 2025-02-01 --end 2025-02-28 --amount 0.01
run 1 "a payment beyond what was billed" -- add claim-payment --claim 1 --date 2025-04-02 --amount 50.01
run 1 "a second cap for the year" -- add cap --agreement AGR --fy 2025 --annual 900
run 1 "a second assignment for the same dates" -- add assignment --officer 4127 --task-force SST --agreement AGR --start 2025-01-01
[ "$before" = "$(dump)" ]; ok $? "after every refusal the database is unchanged"

# agreement,officer,name,agency,fy,entries,hours,amount,annual,monthly,
# reimbursable,over,remaining,billed,received,outstanding,flagged:
# 9.50 h, 787.50, 500.00 within, 287.50 over, 0.00 left, 50.00 outstanding,
# entries 2 and 3 flagged.
run 0 "overtime report" -- report overtime --fy 2025 --csv
contains "$tmp/out" "AGR,4127,Det. Alvarez,MPD,2025,3,9.50,787.50,500.00,300.00,500.00,287.50,0.00,500.00,450.00,50.00,2" "the officer's row"
contains "$tmp/err" "over the cap" "the over-cap warning"
run 0 "overtime report for people" -- report overtime
contains "$tmp/out" "Entries over a cap:" "the flagged entries are listed"
run 0 "the compliance checks find the overtime over the cap (a warning)" -- check --as-of 2025-12-31
contains "$tmp/out" "overtime-over-cap" "the rule is named"

# ---- participation, FY2025 ----
# SST: grant spending 4,000 + 1,500.50 = 5,500.50; one officer; 9.50 h,
# 787.50; billed 500.00 (invoiced 2025-03-05); reimbursed 450.00.
run 0 "participation" -- report participation --fy 2025 --csv
contains "$tmp/out" "2025,SST,Safe Streets,5500.50,0.00,0.00,0.00,5500.50,0.00,5500.50,1,9.50,787.50,500.00,450.00,0.00" "the task force's row"

# ---- ESAC ----
run 0 "a DOJ fund" -- add forfeiture --code DOJ --name "DOJ sharing" --program doj
run 0 "a Treasury fund" -- add forfeiture --code TRE --name "Treasury sharing" --program treasury
run 0 "a state fund" -- add forfeiture --code ST --name "State fund" --program state
run 0 "a Treasury receipt in FY2025" -- add receipt --source TRE --date 2024-12-01 --amount 2,000 --case T-1
run 0 "a DOJ receipt in FY2026" -- add receipt --source DOJ --date 2025-11-15 --amount 12,000 --case D-1
run 0 "DOJ interest" -- add receipt --source DOJ --date 2025-12-31 --amount 35.50 --kind interest
run 0 "a state receipt" -- add receipt --source ST --date 2025-11-20 --amount 7,777 --case S-1
run 0 "a DOJ allocation" -- add allocation --source DOJ --task-force SST --category EQUIP --fy 2026 --amount 1,000 --status submitted
run 0 "DOJ spending" -- add expenditure --allocation 2 --amount 400 --date 2026-01-05 --paid 2026-01-10 --document E-1 --status submitted
AS=rev.b
run 0 "approve the allocation" -- approve --allocations 2
run 0 "approve the spending" -- approve 4
AS=officer.a
run 2 "esac needs a year" -- report esac
# FY2026: Justice 1 0.00, 2 12,000.00, 5 35.50, 6 12,035.50, 7 400.00 (m:
# EQUIP has no ESAC category), 8 11,635.50; Treasury 1 2,000.00 (FY2025's
# receipt), 8 2,000.00; the state fund is not there.
run 0 "esac" -- report esac --fy 2026 --csv
contains "$tmp/out" "line,label,justice,treasury" "the ESAC header"
contains "$tmp/out" "1,Beginning equitable sharing fund balance,0.00,2000.00" "line 1"
contains "$tmp/out" "2,Equitable sharing funds received,12000.00,0.00" "line 2"
contains "$tmp/out" "5,Interest income,35.50,0.00" "line 5"
contains "$tmp/out" "6,Total equitable sharing funds received (lines 2 through 5),12035.50,0.00" "line 6"
contains "$tmp/out" "7,Equitable sharing funds spent (total of categories a through n),400.00,0.00" "line 7"
contains "$tmp/out" "8,Ending equitable sharing fund balance (line 1 plus 6 minus 7),11635.50,2000.00" "line 8"
contains "$tmp/out" "m,Non-categorized expenditures,400.00,0.00" "category m"
contains "$tmp/err" "EQUIP" "the uncategorized warning names the category"
if grep -qF "7777" "$tmp/out"; then ok 1 "the state fund is not on the ESAC"; else ok 0 "the state fund is not on the ESAC"; fi
run 0 "esac for people" -- report esac --fy 2026
contains "$tmp/out" "Due: 2026-11-29" "the due date, 60 days after the year"

# ---- the demo has content in every report ----
demo=$(new_db demo.db) || exit 1
"$CLI" --db "$demo" demo >/dev/null 2>"$tmp/err"; ok $? "demo loads"
for args in "ffr UASI-FY24 --period-end 2026-09-30" "ffr JAG-FY24 --period-end 2026-09-30 --basis accrual" \
            "periods" "esac --fy 2026" "overtime" "participation" "burn JAG-FY24 --as-of 2026-11-28"; do
  # shellcheck disable=SC2086
  "$CLI" --db "$demo" report $args --csv >"$tmp/out" 2>/dev/null
  s=$?
  lines=$(wc -l <"$tmp/out")
  ok $(( s != 0 || lines < 3 )) "demo: report $args has content"
done
"$CLI" --db "$demo" report ffr UASI-FY24 --period-end 2026-09-30 --csv >"$tmp/out" 2>/dev/null
contains "$tmp/out" "11a.2,Type of rate,provisional" "demo: the UASI rate changes mid-award"
"$CLI" --db "$demo" report overtime --csv >"$tmp/out" 2>/dev/null
contains "$tmp/out" "MPD-4127" "demo: the officer over the cap is there"

# list officers / overtime on the demo, against the database read directly.
"$CLI" --db "$demo" list officers --csv >"$tmp/out" 2>"$tmp/err"; ok $? "demo: list officers"
[ "$(($(wc -l <"$tmp/out") - 1))" -eq "$(db_sql "$demo" "SELECT count(*) FROM officers")" ]
ok $? "demo: one line per officer"
expected=$(db_sql "$demo" "SELECT o.id || ',' || a.code || ',' || o.badge || ',' || o.name
  FROM officers o JOIN agencies a ON a.id = o.agency_id WHERE o.badge = 'MPD-4127'")
contains "$tmp/out" "$expected,yes,HSI-BEST/MOU-HSI-BEST 2024-10-01..2026-09-30" "demo: Det. Alvarez and his detail"
"$CLI" --db "$demo" list overtime --fy 2026 --csv >"$tmp/out" 2>"$tmp/err"; ok $? "demo: list overtime --fy 2026"
[ "$(($(wc -l <"$tmp/out") - 1))" -eq "$(db_sql "$demo" "SELECT count(*) FROM overtime_entries WHERE fiscal_year = 2026")" ]
ok $? "demo: one line per FY2026 overtime entry"
# Sum of the amounts printed == the sum stored, in cents.
printed=$(awk -F, 'NR > 1 { split($12, p, "."); s += p[1] * 100 + p[2] } END { print s }' "$tmp/out")
stored=$(db_sql "$demo" "SELECT sum(amount) FROM overtime_entries WHERE fiscal_year = 2026")
[ "$printed" = "$stored" ]; ok $? "demo: FY2026 overtime amounts add up to the stored $stored cents"
row=$(db_sql "$demo" "SELECT id, work_date, hours, base_rate, multiplier, amount FROM overtime_entries
  WHERE fiscal_year = 2026 ORDER BY id LIMIT 1")
IFS='|' read -r id wd h r m a <<<"$row"
c () { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }
contains "$tmp/out" "$id,$wd,2026," "demo: the first FY2026 entry's date"
contains "$tmp/out" ",$(c "$h"),$(c "$r"),$(c "$m"),$(c "$a"),approved" "demo: its hours, rate, multiplier and amount"

echo "1..$n"
[ "$failures" -eq 0 ]
