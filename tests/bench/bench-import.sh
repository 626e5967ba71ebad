#!/usr/bin/env bash
# bench-import.sh: imports a generated ledger of LINES lines (default one
# million) with "allot-cli import ledger" and, in the same run, the same file
# with the sqlite3 shell's ".import" into a bare table: the storage engine's
# own speed.  Prints both times and their ratio.  (run-bench measures the
# same with the rest of the suite; this is the quick way to try the import
# alone.)
#
#   tests/bench/bench-import.sh [BUILD_DIR] [LINES]
#
# BUILD_DIR defaults to _build-release (make bench builds it); the work files
# go to a temporary folder (BENCH_TMP overrides) that is removed afterwards.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-_build-release}
lines=${2:-1000000}
cli="$build/src/cli/allot-cli"
sqlite=${SQLITE3:-sqlite3}
[ -x "$cli" ] || { echo "bench-import: no $cli; build first (make bench)" >&2; exit 2; }
cli=$(cd "$(dirname "$cli")" && pwd)/allot-cli

tmp=${BENCH_TMP:-$(mktemp -d)}
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
csv="$tmp/ledger.csv"
db="$tmp/allot.db"
bare="$tmp/bare.db"

now () { date +%s.%N; }
elapsed () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "bench-import: generating $lines ledger lines..."
python3 "$here/gen-ledger-csv.py" "$lines" "$csv"
size=$(du -h "$csv" | cut -f1)

# The reference data and allocations the file is charged to.
# shellcheck source=tests/bench/import-setup.sh
. "$here/import-setup.sh"
make_import_template "$cli" "$db" "$tmp"

echo "bench-import: sqlite3 .import into a bare table..."
t0=$(now)
"$sqlite" "$bare" ".import --csv $csv ledger"
t1=$(now)
bare_rows=$("$sqlite" "$bare" "SELECT count(*) FROM ledger")

echo "bench-import: allot-cli import ledger (validated, one transaction, audited)..."
t2=$(now)
"$cli" --db "$db" --user bench import ledger "$csv" >"$tmp/out"
t3=$(now)
rows=$("$sqlite" "$db" "SELECT count(*) FROM ledger_entries")

sq=$(elapsed "$t0" "$t1")
al=$(elapsed "$t2" "$t3")
printf 'file:                %s lines, %s\n' "$lines" "$size"
printf 'sqlite3 .import:     %6.2f s  (%s rows, bare table)\n' "$sq" "$bare_rows"
printf 'allot-cli import:    %6.2f s  (%s entries)\n' "$al" "$rows"
awk -v a="$al" -v s="$sq" 'BEGIN { printf "ratio:               %6.2f x\n", a / s }'
