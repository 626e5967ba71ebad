# import-setup.sh: sourced by run-bench and bench-import.sh.
#
#   make_import_template CLI DB WORK_DIR
#
# Creates DB (which must not exist) holding what the generated ledger CSV
# (gen-ledger-csv.py) is charged to: an agency, task forces TF-1..3, cost
# categories C-1..4, grants BENCH-1..3 running FY2020..FY2026, and their 252
# allocations, imported from gen-ledger-csv.py --allocations.  All through
# allot-cli, the way a budget office would set it up.  The caller sets
# $here to the tests/bench folder.

make_import_template () {
  _cli=$1 _db=$2 _work=$3
  _a () { "$_cli" --db "$_db" --user bench "$@" >/dev/null; }
  _a init
  _a add agency --code FBI --name "Federal Bureau of Investigation" --level federal
  for _t in 1 2 3; do
    _a add task-force --code "TF-$_t" --name "Task force $_t" --lead FBI --start 2019-10-01
  done
  for _c in 1 2 3 4; do
    _a add category --code "C-$_c" --name "Category $_c" --line a
  done
  for _s in 1 2 3; do
    _a add grant --code "BENCH-$_s" --name "Bench grant $_s" --award-number "BG-$_s" \
      --listing 16.738 --amount 100000000000 --start 2019-10-01 --end 2026-09-30
  done
  python3 "$here/gen-ledger-csv.py" --allocations "$_work/allocations.csv"
  _a import allocations "$_work/allocations.csv"
  unset -f _a
}
