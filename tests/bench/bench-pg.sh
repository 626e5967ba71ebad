#!/usr/bin/env bash
# shellcheck disable=SC2154  # the results of measure() and measure_page() come by printf -v
# tests/bench/bench-pg.sh BUILD_DIR: the heavy paths on both engines (issue 9).
#
# Starts a throwaway PostgreSQL cluster (tests/pg/pg-cluster), and for each
# size in BENCH_PG_SIZES, else BENCH_SIZES (default 100000; run-bench's own
# default reaches a million entries, hours on PostgreSQL), sets up the same
# database on SQLite and on PostgreSQL the way run-bench does
# (import-setup.sh: an agency, task forces, categories, grants and their
# 252 allocations, through allot-cli), then measures on each engine:
#
#   import      allot-cli import ledger FILE: the deterministic CSV of
#               gen-ledger-csv.py, the same file run-bench imports (once per
#               engine: on PostgreSQL every row is a round trip and writes
#               its audit record through the trigger)
#   balances    allot-cli balances --by source|allocation --csv over the
#               imported ledger (allocations approved, entries as the CSV
#               has them: submitted or drafts); the two engines' outputs must be identical
#               byte for byte, else the script fails
#   export      allot-cli export FILE.xlsx (the whole workbook)
#   first page  bench-ledger-page (built with the project): the first 50
#               lines of the ledger newest first (allot_ledger_query_head),
#               the whole order by key with its totals, and a page read by
#               key; times measured around the core calls alone
#
# Times are wall-clock seconds (GNU time's %e, or the program's own), the
# best of BENCH_ROUNDS runs (default 2) except the import, which runs once;
# peak is the client's maximum resident set size (%M): the PostgreSQL
# server's memory is not in it.  Prints one Markdown table and keeps it in
# BENCH_DIR/bench-pg-results.md (BENCH_DIR defaults to BUILD_DIR/tests/bench,
# where run-bench keeps the same CSV files, which are reused).
#
#   tests/bench/bench-pg.sh _build-release          (make bench-pg)
#   BENCH_PG=1 tests/bench/run-bench _build-release (after run-bench's table)
set -euo pipefail

build=${1:?usage: tests/bench/bench-pg.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "$build" && pwd)
out=${BENCH_DIR:-$build/tests/bench}
sizes=${BENCH_PG_SIZES:-${BENCH_SIZES:-100000}}
rounds=${BENCH_ROUNDS:-2}
cli=$build/src/cli/allot-cli
page=$build/tests/bench/bench-ledger-page
timer=/usr/bin/time
cluster_script=$src/tests/pg/pg-cluster
mkdir -p "$out"
results=$out/bench-pg-results.md

note () { printf 'bench-pg: %s\n' "$*" >&2; }
die () { note "$*"; exit 1; }

[ -x "$cli" ] && [ -x "$page" ] || ninja -C "$build"
[ -x "$timer" ] || die "GNU time ($timer) is needed: apt-get install time"

# ---- the cluster ----
# A short folder: the server's unix socket path must stay under 108 bytes.
cluster=$(mktemp -d /tmp/allot-bench-pg.XXXXXX)
rmdir "$cluster"
stop_cluster () { "$cluster_script" stop "$cluster" >/dev/null 2>&1 || true; }
trap stop_cluster EXIT
note "starting a throwaway PostgreSQL cluster in $cluster"
conninfo=$("$cluster_script" start "$cluster")
pg_version=$(psql -X -qAt -d "$conninfo" -c "SHOW server_version")
# A database of the cluster by name: the superuser's conninfo, another dbname.
pg_db () { printf '%s dbname=%s\n' "${conninfo% dbname=*}" "$1"; }

# ---- measuring ----
# timed FILE COMMAND...: runs COMMAND, writes "seconds peak_kb" to FILE.
timed () {
  local file=$1
  shift
  "$timer" -f '%e %M' -o "$file" "$@"
}

# measure VAR ROUNDS COMMAND...: the best time of ROUNDS runs in VAR_s, the
# largest peak in VAR_mb; COMMAND's output of the last run in $out/last.out.
# A failed run fails the benchmark: a time of a failure means nothing.
measure () {
  local var=$1 n=$2 best="" peak=0 s kb
  shift 2
  for _ in $(seq "$n"); do
    if ! timed "$out/time.txt" "$@" >"$out/last.out" 2>"$out/last.err"; then
      note "failed: $* -- $(tail -3 "$out/last.err" | tr '\n' ' ')"
      exit 1
    fi
    read -r s kb < <(tail -1 "$out/time.txt")
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  printf -v "${var}_s" '%s' "$best"
  printf -v "${var}_mb" '%s' "$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')"
}

# The smallest of each of the columns of bench-ledger-page's line over
# ROUNDS runs: sets VAR_open, VAR_head, VAR_order, VAR_rows, VAR_count, VAR_mb.
measure_page () {
  local var=$1 db=$2 open="" head="" order="" rowst="" count="" peak=0 o h r w c s kb
  for _ in $(seq "$rounds"); do
    if ! timed "$out/time.txt" "$page" "$db" 50 >"$out/last.out" 2>"$out/last.err"; then
      note "failed: bench-ledger-page -- $(tail -3 "$out/last.err" | tr '\n' ' ')"
      exit 1
    fi
    read -r o h r w c <"$out/last.out"
    read -r s kb < <(tail -1 "$out/time.txt")
    open=$(min "$open" "$o") head=$(min "$head" "$h") order=$(min "$order" "$r")
    rowst=$(min "$rowst" "$w") count=$c
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  printf -v "${var}_open" '%s' "$open"
  printf -v "${var}_head" '%s' "$head"
  printf -v "${var}_order" '%s' "$order"
  printf -v "${var}_rows" '%s' "$rowst"
  printf -v "${var}_count" '%s' "$count"
  printf -v "${var}_mb" '%s' "$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')"
}
min () { if [ -z "$1" ] || awk -v a="$2" -v b="$1" 'BEGIN { exit !(a < b) }'; then echo "$2"; else echo "$1"; fi; }

ratio () { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

table=$out/bench-pg-rows.md
: >"$table"
# row MEASUREMENT ENTRIES SQLITE_S SQLITE_MB PG_S PG_MB
row () {
  printf '| %s | %s | %s s, %s MB | %s s, %s MB | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" \
    "$(ratio "$5" "$3")" >>"$table"
}
row_time () {
  printf '| %s | %s | %s s | %s s | %s |\n' "$1" "$2" "$3" "$4" "$(ratio "$4" "$3")" >>"$table"
}

# ---- the data: the same CSV as run-bench (and its cached files) ----
csv_tag=$(sha256sum <"$here/gen-ledger-csv.py" | cut -c1-12)
# shellcheck source=tests/bench/import-setup.sh
. "$here/import-setup.sh"

failed=false
for n in $sizes; do
  csv=$out/ledger-$n-$csv_tag.csv
  if [ ! -f "$csv" ]; then
    note "generating the ledger CSV of $n lines"
    python3 "$here/gen-ledger-csv.py" "$n" "$csv.part" && mv "$csv.part" "$csv"
  fi

  # Both databases set up alike, through allot-cli.
  lite=$out/bench-pg-$n.db
  rm -f "$lite" "$lite-wal" "$lite-shm"
  dbname=bench_$n
  "$cluster_script" createdb "$cluster" "$dbname"
  pg=$(pg_db "$dbname")
  note "setting up both databases ($n entries)"
  make_import_template "$cli" "$lite" "$out"
  make_import_template "$cli" "$pg" "$out"
  # Approved allocations, so that the balances have budgets to show (the
  # imported entries stay submitted or drafts, as the CSV says: approving
  # them one by one would be a benchmark of its own).
  ids=$(sqlite3 "$lite" "SELECT id FROM allocations ORDER BY id")
  [ "$ids" = "$(psql -X -qAt -d "$pg" -c "SELECT id FROM allocations ORDER BY id")" ] \
    || die "the two databases' allocations differ"
  for db in "$lite" "$pg"; do
    # shellcheck disable=SC2086
    { "$cli" --db "$db" --user bench submit --allocations $ids &&
      "$cli" --db "$db" --user bench users add rev reviewer &&
      "$cli" --db "$db" --user rev approve --allocations $ids; } >/dev/null \
      || die "could not approve the allocations of $db"
  done

  # ---- import ----
  note "import of $n lines: SQLite"
  measure lite_imp 1 "$cli" --db "$lite" --user bench import ledger "$csv"
  note "import of $n lines: PostgreSQL"
  measure pg_imp 1 "$cli" --db "$pg" --user bench import ledger "$csv"
  lite_n=$(sqlite3 "$lite" "SELECT count(*) FROM ledger_entries")
  pg_n=$(psql -X -qAt -d "$pg" -c "SELECT count(*) FROM ledger_entries")
  [ "$lite_n" = "$n" ] && [ "$pg_n" = "$n" ] \
    || die "the imports added $lite_n (SQLite) and $pg_n (PostgreSQL) entries of $n"
  row "import: allot-cli import ledger" "$n" "$lite_imp_s" "$lite_imp_mb" "$pg_imp_s" "$pg_imp_mb"

  # ---- balances: the same figures on both ----
  for by in source allocation; do
    note "balances by $by, $n entries"
    measure lite_bal "$rounds" "$cli" --db "$lite" balances --by "$by" --csv
    cp "$out/last.out" "$out/balances-sqlite.csv"
    measure pg_bal "$rounds" "$cli" --db "$pg" balances --by "$by" --csv
    cp "$out/last.out" "$out/balances-pg.csv"
    if ! cmp -s "$out/balances-sqlite.csv" "$out/balances-pg.csv"; then
      failed=true
      note "balances --by $by differ between the engines:"
      diff "$out/balances-sqlite.csv" "$out/balances-pg.csv" | head -20 >&2 || true
    fi
    row "balances --by $by --csv ($(($(wc -l <"$out/balances-sqlite.csv") - 1)) rows, identical)" \
      "$n" "$lite_bal_s" "$lite_bal_mb" "$pg_bal_s" "$pg_bal_mb"
  done

  # ---- export ----
  note "export, $n entries"
  measure lite_exp "$rounds" "$cli" --db "$lite" export "$out/bench-pg-sqlite.xlsx"
  measure pg_exp "$rounds" "$cli" --db "$pg" export "$out/bench-pg-pg.xlsx"
  row "export: allot-cli export FILE.xlsx (six sheets)" "$n" \
    "$lite_exp_s" "$lite_exp_mb" "$pg_exp_s" "$pg_exp_mb"
  rm -f "$out/bench-pg-sqlite.xlsx" "$out/bench-pg-pg.xlsx"

  # ---- the first ledger page ----
  note "first ledger page, $n entries"
  measure_page lp "$lite"
  measure_page pp "$pg"
  [ "$lp_count" = "$pp_count" ] \
    || die "the ledger order holds $lp_count lines on SQLite, $pp_count on PostgreSQL"
  row_time "first ledger page: 50 lines newest first (allot_ledger_query_head)" "$n" \
    "$lp_head" "$pp_head"
  row_time "ledger order: ids of all $lp_count lines by date, with totals (allot_ledger_query_order)" \
    "$n" "$lp_order" "$pp_order"
  row_time "a page by key: 50 lines of that order (allot_ledger_query_rows)" "$n" \
    "$lp_rows" "$pp_rows"
  row_time "opening the store (allot_store_open)" "$n" "$lp_open" "$pp_open"
  row "bench-ledger-page, whole process (peak: client only)" "$n" "-" "$lp_mb" "-" "$pp_mb"

  rm -f "$lite" "$lite-wal" "$lite-shm"
  psql -X -q -d "$conninfo" -c "DROP DATABASE \"$dbname\"" >/dev/null
done

{
  printf 'Machine: %s, %s cores, %s RAM; %s; SQLite %s; PostgreSQL %s (throwaway cluster,\n' \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(nproc)" \
    "$(free -h | awk '/^Mem:/ { print $2 }')" "$(uname -sr)" \
    "$(sqlite3 --version | cut -d' ' -f1)" "$pg_version"
  printf 'fsync off, unix socket, same machine); %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "| measurement | entries | SQLite | PostgreSQL | ratio (PostgreSQL / SQLite) |"
  echo "|---|---:|---:|---:|---:|"
  cat "$table"
} >"$results"
cat "$results"
if $failed; then
  note "FAILED: the engines' balances differ (see above)"
  exit 1
fi
