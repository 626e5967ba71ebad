#!/usr/bin/env bash
# tests/bench/bench-app.sh BUILD_DIR [DB] [ENTRIES]: the app's timings (issue 10).
#
# Runs the release-built app under xvfb-run with ALLOT_TIMINGS=script (see
# src/app/allot-timings.h): open DB, wait until the first ledger lines are
# painted, filter on the latest fiscal year, sort by amount (largest
# first), quit.  Each step is timed by the app itself; the whole process's
# peak memory by GNU time (%M).  Best time of BENCH_ROUNDS runs (default 2),
# largest peak.  Prints run-bench's rows:
#   ROW<TAB>measurement<TAB>seconds<TAB>peak MB<TAB>target seconds
# and, after them, the app's raw lines.
#
# BUILD_DIR is run-bench's (an -Dapp=false release build): the app is built
# in BENCH_APP_BUILD (default SRC/_build-release-app, meson setup
# -Dbuildtype=release) when it is not there.  Without DB, a database of
# ENTRIES (default 1,000,000) generated entries is made with gen-ledger and
# kept in BUILD_DIR/tests/bench under run-bench's name for it (the same
# programs and schema give the same file, so either script reuses it).
#
#   tests/bench/bench-app.sh _build-release                # 1M, generated once
#   BENCH_ROUNDS=3 tests/bench/bench-app.sh _build-release "" 100000
set -euo pipefail

build=${1:?usage: tests/bench/bench-app.sh BUILD_DIR [DB] [ENTRIES]}
db=${2:-}
n=${3:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "$build" && pwd)
out=${BENCH_DIR:-$build/tests/bench}
rounds=${BENCH_ROUNDS:-2}
app_build=${BENCH_APP_BUILD:-$src/_build-release-app}
sqlite=${SQLITE3:-sqlite3}
mkdir -p "$out"

note () { printf 'bench-app: %s\n' "$*" >&2; }

if [ ! -f "$app_build/build.ninja" ]; then
  note "configuring the release build of the app in $app_build"
  meson setup "$app_build" "$src" -Dbuildtype=release >/dev/null
fi
ninja -C "$app_build" src/app/allot src/cli/allot-cli data/gschemas.compiled >/dev/null
app=$app_build/src/app/allot

# ---- the database (run-bench's make_db, when run alone) ----
if [ -z "$db" ]; then
  tag=$(cat "$here/gen-ledger.c" "$here/bench-data.c" "$here/bench-data.h" \
            "$src/src/core/allot-schema.c" "$src/src/core/allot-schema-reports.c" |
        sha256sum | cut -c1-12)
  db=$out/ledger-$n-$tag.db
  if [ ! -f "$db" ]; then
    pkgs="glib-2.0 gio-2.0 gobject-2.0 sqlite3 xlsxwriter"
    [ -f "$build/src/core/liballot-core.a" ] || ninja -C "$build" >/dev/null
    # shellcheck disable=SC2046
    cc -O2 -std=gnu11 -Wno-unused-parameter \
       -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
       -DGETTEXT_PACKAGE=\"allot\" -I"$build" -I"$src/src/core" -I"$here" \
       $(pkg-config --cflags $pkgs) "$here/gen-ledger.c" "$here/bench-data.c" \
       "$build/src/core/liballot-core.a" $(pkg-config --libs $pkgs) -lcsv -lm \
       -o "$out/gen-ledger"
    note "generating a database of $n entries (a million take minutes)"
    rm -f "$out"/ledger-"$n"-*.db "$db.part" "$db.part-wal" "$db.part-shm"
    "$out/gen-ledger" "$db.part" "$n" >/dev/null
    "$sqlite" "$db.part" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    mv "$db.part" "$db"
    rm -f "$db.part-wal" "$db.part-shm"
  fi
fi
[ -f "$db" ] || { note "no database at $db"; exit 1; }

# A schema migration (a newer build on an older file) happens once, here,
# not in the first timed run.
"$app_build/src/cli/allot-cli" --db "$db" list task-forces >/dev/null

# ---- the runs ----
declare -A best
keys="open_ms first_rows_ms filter_ms filter_all_ms sort_ms sort_all_ms"
peak=0
raw=()
for _ in $(seq "$rounds"); do
  rm -f "$out/app-time.txt"
  # A memory settings backend: no saved window state or view changes
  # the sequence, and the runs leave nothing behind.  GTK's cairo renderer,
  # as the app tests use under Xvfb: its GL renderer would run on Mesa's
  # software rasterizer there (llvmpipe, 100 MB more and seconds of CPU a
  # frame on a loaded machine), which measures Mesa, not Allot.
  # BENCH_GSK_RENDERER=gl measures that anyway.
  if ! GSK_RENDERER=${BENCH_GSK_RENDERER:-cairo} GSETTINGS_BACKEND=memory \
       GSETTINGS_SCHEMA_DIR="$app_build/data" \
       ALLOT_TIMINGS=script NO_AT_BRIDGE=1 \
       timeout 600 xvfb-run -a -s '-screen 0 1400x900x24' \
       /usr/bin/time -f '%e %M' -o "$out/app-time.txt" \
       "$app" --db "$db" >"$out/app.out" 2>"$out/app.err"; then
    note "the app failed: $(tail -3 "$out/app.err" | tr '\n' ' ')"
    exit 1
  fi
  line=$(grep -E '^open_ms=' "$out/app.err" | tail -1)
  [ -n "$line" ] || { note "the app printed no timings: $(tail -3 "$out/app.err")"; exit 1; }
  raw+=("$line")
  for kv in $line; do
    k=${kv%%=*} v=${kv#*=}
    case " $keys " in *" $k "*) ;; *) continue ;; esac
    if [ -z "${best[$k]:-}" ] || [ "$v" -lt "${best[$k]}" ]; then best[$k]=$v; fi
  done
  kb=$(tail -1 "$out/app-time.txt" | cut -d' ' -f2)
  if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
done

s () { awk -v ms="${best[$1]:-}" 'BEGIN { if (ms == "") print "failed"; else printf "%.2f", ms / 1000 }'; }
mb=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
printf 'ROW\t%s\t%s\t%s\t%s\n' \
  "app: open (start to the database open and the window's views set up)" "$(s open_ms)" "$mb" "" \
  "app: first ledger lines painted, from start (peak memory target 200 MB)" "$(s first_rows_ms)" "$mb" "1" \
  "app: fiscal-year filter, first lines painted" "$(s filter_ms)" "$mb" "0.5" \
  "app: fiscal-year filter, its count and totals in" "$(s filter_all_ms)" "$mb" "" \
  "app: sort by amount, first lines painted" "$(s sort_ms)" "$mb" "0.5" \
  "app: sort by amount, its count and totals in" "$(s sort_all_ms)" "$mb" ""
for line in "${raw[@]}"; do printf '%s\n' "$line"; done
