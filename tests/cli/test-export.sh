#!/usr/bin/env bash
# End-to-end tests of "allot-cli export": the workbook read back by two
# independent readers (openpyxl, and gnumeric's ssconvert --recalc for the
# formulas) through check-xlsx.py and compared with what "balances --csv"
# and "list ... --csv" print, the report sheets with "report ffr|esac|overtime
# --csv"; sheet names cut and made unique; the CSV files; a comma-decimal locale; typed
# text that looks like a formula; failures that must leave no file.  TAP.
set -u

CLI=${ALLOT_CLI:?ALLOT_CLI must point at allot-cli}
here=$(cd "$(dirname "$0")" && pwd)
CHECK="$here/check-xlsx.py"
export LC_ALL=C.UTF-8
unset ALLOT_DB

n=0
failures=0
ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failures=$((failures + 1)); fi
}
skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# A Python with openpyxl (Debian's python3-openpyxl lives in /usr/bin's).
PY=
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ] || ! command -v ssconvert >/dev/null 2>&1; then
  echo "1..0 # SKIP needs python3-openpyxl and gnumeric (ssconvert)"
  exit 0
fi

tmp=$(mktemp -d)
# shellcheck source=test-lib.sh
. "$here/test-lib.sh"
trap 'drop_dbs; chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
db=$(new_db allot.db) || exit 1
AS=m.rivera

# run EXPECTED-STATUS DESCRIPTION -- ARGS...: runs allot-cli, checks the exit status.
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

# check DESCRIPTION -- CHECK-XLSX ARGS...: runs the checker, shows why it failed.
check () {
  local what=$1; shift 2
  "$PY" "$CHECK" "$@" >"$tmp/check" 2>&1
  local s=$?
  sed 's/^/#   /' "$tmp/check"
  ok $s "$what"
}

# Only the given names in the folder: nothing half-written beside them.
only () {  # DIR DESCRIPTION NAMES...
  local dir=$1 what=$2; shift 2
  local got want
  got=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')
  [ "$got" = "$want" ]
  local s=$?
  [ $s -ne 0 ] && echo "# $dir holds: $got (expected: $want)" >&2
  ok $s "$what"
}

# ---- usage ----
"$CLI" export --help >"$tmp/out" 2>&1; ok $? "export --help exits 0"
contains "$tmp/out" "--as-of" "export --help describes its options"
run 2 "export needs a file name" -- export
run 2 "export takes one file name" -- export a.xlsx b.xlsx
run 2 "--csv takes ledger or budget" -- export --csv receipts "$tmp/x.csv"
run 1 "a missing database is refused" -- export "$tmp/x.xlsx"
db_is_blank "$db" && [ ! -e "$tmp/x.xlsx" ]; ok $? "nothing was created"

# ---- the demo, with text that looks like formulas ----
"$CLI" --db "$db" demo >/dev/null 2>"$tmp/err"; ok $? "the demo loads"
run 1 "an impossible fiscal year is refused" -- export --fy 1492 "$tmp/x.xlsx"
run 1 "an impossible as-of date is refused" -- export --as-of 2026-02-30 "$tmp/x.xlsx"
[ ! -e "$tmp/x.xlsx" ]; ok $? "refusals write nothing"

allocation=$("$CLI" --db "$db" list allocations --fy 2026 --csv | awk -F, 'NR == 2 { print $1 }')
run 0 "an obligation with formula-looking text" -- add obligation --allocation "$allocation" \
  --amount 1,234.56 --date 2026-11-20 --document "-DOC-7" --payee "@SUM(A1)" \
  --description "=1+1" --status submitted
entry=$("$CLI" --db "$db" list ledger --csv | awk -F, '$7 == "-DOC-7" { print $1 }')
AS=j.chen
run 0 "the reviewer approves it" -- approve "$entry"
AS=m.rivera

# ---- the workbook ----
book="$tmp/book/allot.xlsx"
mkdir -p "$tmp/book"
run 0 "export every year" -- export --as-of 2026-11-28 "$book"
contains "$tmp/out" "allot.xlsx" "export says what it wrote"
only "$tmp/book" "only the workbook is in the folder" allot.xlsx
check "the workbook matches balances and list ledger; formulas recompute; typed text stays text" -- \
  check "$book" --cli "$CLI" --db "$db" --as-of 2026-11-28 --text="=1+1" --text="@SUM(A1)" \
  --text=-DOC-7

contains "$tmp/check" '3 SF-425 sheets equal "report ffr --csv"' \
  "each grant's SF-425 sheet equals report ffr --csv"
contains "$tmp/check" 'ESAC FY2026 equals "report esac --fy 2026 --csv"' \
  "the ESAC sheet of the last fiscal year ended equals report esac --csv"

run 0 "export FY2026" -- export --fy 2026 --as-of 2026-11-28 "$tmp/fy2026.xlsx"
check "the FY2026 workbook matches balances --fy 2026" -- \
  check "$tmp/fy2026.xlsx" --cli "$CLI" --db "$db" --as-of 2026-11-28 --fy 2026

# The formula check itself must notice a wrong cached result.
"$PY" "$CHECK" tamper "$book" "$tmp/tampered.xlsx"
"$PY" "$CHECK" recalc "$tmp/tampered.xlsx" >"$tmp/check" 2>&1
s=$?
grep -q "gnumeric computes" "$tmp/check"
ok $(( s == 0 || $? != 0 )) "a tampered cached result is caught by the recomputation"

# The same for a computed line of an SF-425 (10c = 10a - 10b on rows 5 and 6).
"$PY" "$CHECK" tamper "$book" "$tmp/tampered-ffr.xlsx" --formula C5-C6
"$PY" "$CHECK" recalc "$tmp/tampered-ffr.xlsx" >"$tmp/check" 2>&1
s=$?
grep -q "SF-425 .*gnumeric computes" "$tmp/check"
ok $(( s == 0 || $? != 0 )) "a tampered SF-425 line 10c is caught by the recomputation"

# An SF-425 as of a day before some grants' first reporting period ended
# (the calendar quarter end stands in), and the ESAC of FY2024.
run 0 "export as of 2024-10-15" -- export --as-of 2024-10-15 "$tmp/early.xlsx"
check "the report sheets as of 2024-10-15 match report ffr and report esac" -- \
  check "$tmp/early.xlsx" --cli "$CLI" --db "$db" --as-of 2024-10-15


# ---- a comma-decimal locale ----
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  LC_ALL=de_DE.UTF-8 "$CLI" --db "$db" --user "$AS" export --as-of 2026-11-28 "$tmp/de.xlsx" \
    >/dev/null 2>"$tmp/err"
  ok $? "export under de_DE.UTF-8"
  check "under de_DE.UTF-8 the workbook holds the same values, no decimal commas" -- \
    same "$book" "$tmp/de.xlsx"
  LC_ALL=de_DE.UTF-8 "$CLI" --db "$db" export --csv ledger "$tmp/de-ledger.csv" >/dev/null &&
    "$CLI" --db "$db" export --csv ledger "$tmp/c-ledger.csv" >/dev/null &&
    cmp -s "$tmp/de-ledger.csv" "$tmp/c-ledger.csv"
  ok $? "under de_DE.UTF-8 the ledger CSV is byte for byte the same"
else
  skip "export under de_DE.UTF-8" "locale not installed"
  skip "same values under de_DE.UTF-8" "locale not installed"
  skip "same ledger CSV under de_DE.UTF-8" "locale not installed"
fi

# ---- CSV ----
run 0 "export the ledger as CSV" -- export --csv ledger "$tmp/ledger.csv"
check "the ledger CSV is list ledger with typed formulas neutralised" -- \
  csv ledger "$tmp/ledger.csv" --cli "$CLI" --db "$db"
contains "$tmp/ledger.csv" ",'-DOC-7,'@SUM(A1)," "document and payee are neutralised"
contains "$tmp/ledger.csv" ",'=1+1" "the description is neutralised"
run 0 "export Budget vs Actual of FY2025 as CSV" -- export --csv budget --fy 2025 "$tmp/budget.csv"
check "the budget CSV is balances --by allocation --fy 2025" -- \
  csv budget "$tmp/budget.csv" --cli "$CLI" --db "$db" --fy 2025

# ---- failures leave no file, and an existing file as it was ----
run 1 "a folder that does not exist is refused" -- export "$tmp/nowhere/allot.xlsx"
contains "$tmp/err" "does not exist" "the refusal says the folder is missing"
[ ! -e "$tmp/nowhere" ]; ok $? "no folder was created"

mkdir "$tmp/target.xlsx"
run 1 "a folder as the target is refused" -- export "$tmp/target.xlsx"
[ -d "$tmp/target.xlsx" ] && [ -z "$(ls -A "$tmp/target.xlsx")" ]; ok $? "the folder is untouched"

mkdir "$tmp/locked"
if [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$tmp/locked"
  run 1 "a read-only folder is refused" -- export "$tmp/locked/allot.xlsx"
  only "$tmp/locked" "nothing was written into the read-only folder"
  chmod 755 "$tmp/locked"
else
  # Root writes anywhere on disk; /proc refuses even root.
  run 1 "a folder nobody may write to is refused" -- export /proc/allot-export-test.xlsx
  [ ! -e /proc/allot-export-test.xlsx ]; ok $? "nothing was written there"
fi

# A full disk: the file size limit (48 KiB: enough for SQLite's shared-memory
# index, not for the workbook) makes every write past it fail.
full="$tmp/full"
mkdir "$full"
echo "last month's workbook" >"$full/allot.xlsx"
before=$(sha256sum <"$full/allot.xlsx")
( trap '' XFSZ; ulimit -f 48; exec "$CLI" --db "$db" export "$full/allot.xlsx" ) \
  >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 1 )) "a full disk is refused (exit 1)"
contains "$tmp/err" "$full/allot.xlsx" "the refusal names the file"
[ "$before" = "$(sha256sum <"$full/allot.xlsx")" ]; ok $? "the existing workbook is unchanged"
only "$full" "no temporary file is left behind" allot.xlsx

( trap '' XFSZ; ulimit -f 48; exec "$CLI" --db "$db" export --csv ledger "$full/ledger.csv" ) \
  >/dev/null 2>"$tmp/err"
ok $(( $? != 1 )) "a full disk refuses the CSV too (exit 1)"
only "$full" "no partial CSV is left behind" allot.xlsx

# Grant codes longer than a sheet name allows, equal in their first 24
# characters: cut to 31 characters and made unique.
for x in A B; do
  run 0 "a grant with a long code ($x)" -- add grant --code "COPS-HIRING-PROGRAM-FY2025-$x" \
    --name "COPS hiring $x" --award-number "15JCOPS-25-TEST$x" --listing 16.710 --amount 100000 \
    --start 2025-01-01 --end 2027-12-31
done
run 0 "export with long grant codes" -- export --as-of 2026-11-28 "$tmp/long.xlsx"
check "long grant codes get sheets of their own, equal to report ffr" -- \
  check "$tmp/long.xlsx" --cli "$CLI" --db "$db" --as-of 2026-11-28
contains "$tmp/check" '5 SF-425 sheets equal' "all five grants have an SF-425 sheet"
"$PY" -c 'import openpyxl, sys; print("\n".join(openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames))' \
  "$tmp/long.xlsx" >"$tmp/names"
contains "$tmp/names" "SF-425 COPS-HIRING-PROGRAM-FY20" "the first long code is cut to 31 characters"
contains "$tmp/names" "SF-425 COPS-HIRING-PROGRAM- (2)" "the second is made unique"

echo "1..$n"
exit $(( failures > 0 ))
