#!/usr/bin/env bash
# End-to-end tests of "allot-cli migrate-to": the demo database copied
# SQLite -> PostgreSQL -> SQLite (with ALLOT_TEST_PG_CONNINFO) or SQLite ->
# SQLite -> SQLite (without), every report identical byte for byte on each
# copy, the audit chain intact with the same last hash; and targets that
# are not empty refused, left exactly as they were.  TAP output.
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

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failures=$((failures + 1)); fi
}

skip () {
  n=$((n + 1))
  echo "ok $n # SKIP $1: $2"
}

contains () {  # FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$1"
  local s=$?
  [ $s -ne 0 ] && { echo "# $1 lacks: $2" >&2; sed 's/^/#   /' "$1" >&2; }
  ok $s "$3"
}

# migrate EXPECTED-STATUS DESCRIPTION SOURCE [TARGET...]
migrate () {
  local expected=$1 what=$2 source=$3; shift 3
  "$CLI" --db "$source" migrate-to "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "# expected exit $expected, got $status: allot-cli --db $source migrate-to $*" >&2
    sed 's/^/#   /' "$tmp/err" "$tmp/out" >&2
  fi
  ok $(( status != expected )) "$what (exit $expected)"
}

# The reports compared between copies: each command's output and its exit
# status ("check" exits 1 on findings).  The demo's first grant, its first
# fiscal year's SF-425 and the ESAC of FY2025.
reports () {
  local db=$1 out=$2
  : >"$out"
  while IFS= read -r cmd; do
    # shellcheck disable=SC2086
    { echo "== $cmd"; "$CLI" --db "$db" $cmd 2>&1; echo "== exit $?"; } >>"$out"
  done <<'EOF'
balances
balances --by allocation --csv
balances --by source --csv
list ledger
list sources
list allocations
check
report ffr JAG-FY24 --period-end 2025-09-30 --as-of 2026-11-28
report ffr UASI-FY24 --period-end 2025-09-30 --basis accrual --as-of 2026-11-28
report esac --fy 2025
report overtime --fy 2025
EOF
}

# The last hash of "audit verify" on DB, empty when it does not verify.
last_hash () {
  "$CLI" --db "$1" audit verify 2>/dev/null |
    sed -n 's/^The audit log is intact: .* last hash \([0-9a-f]\{64\}\)\.$/\1/p'
}

sqlite_dump () { "$SQLITE" "$1" .dump; }

# ---- the source: the demo data set, in an SQLite file ----
src="$tmp/source.db"
"$CLI" --db "$src" demo >/dev/null 2>"$tmp/err"
ok $? "the demo loads into the source file"
# Closed and reopened months: periods is keyed by SQLite's implicit rowid,
# which its audit records name (PostgreSQL keeps it in a rowid column).
for args in "close-period 2024-01" "close-period 2024-02" "reopen-period 2024-01 --reason Correction"; do
  # shellcheck disable=SC2086
  "$CLI" --db "$src" --user a.okafor $args >/dev/null 2>>"$tmp/err" || echo "# $args failed" >&2
done
[ "$("$SQLITE" "$src" "SELECT group_concat(rowid || ':' || month || ':' || closed, ' ') FROM periods")" \
  = "1:2024-01:0 2:2024-02:1" ]
ok $? "the source has a reopened and a closed month"
reports "$src" "$tmp/reports.source"
hash=$(last_hash "$src")
[ ${#hash} -eq 64 ]; ok $? "the source's audit log verifies"
entries=$("$SQLITE" "$src" "SELECT count(*) FROM ledger_entries")
records=$("$SQLITE" "$src" "SELECT count(*) FROM audit_log")
grep -q '^== exit 0$' "$tmp/reports.source" && ! grep -q 'Usage' "$tmp/reports.source"
ok $? "the source's reports run"

# ---- SQLite -> SQLite -> SQLite ----
copy="$tmp/copy.db"
migrate 0 "migrate-to a new file" "$src" "$copy"
contains "$tmp/out" "$(printf '  %-28s %12s' ledger_entries "$entries")" \
  "migrate-to prints the ledger's row count"
contains "$tmp/out" "audit chain intact ($records records, last hash $hash)" \
  "migrate-to prints the audit chain's record count and last hash"
contains "$tmp/out" "verified: " "migrate-to says the copy was verified"
reports "$copy" "$tmp/reports.copy"
cmp -s "$tmp/reports.source" "$tmp/reports.copy"
ok $? "every report of the copy equals the source's, byte for byte"
[ "$(last_hash "$copy")" = "$hash" ]; ok $? "the copy's audit log verifies with the same last hash"
[ "$(stat -c %a "$copy")" = 600 ]; ok $? "the copy is readable by its owner only"

back="$tmp/back.db"
migrate 0 "migrate-to copies the copy again" "$copy" "$back"
sqlite_dump "$src" | grep '^INSERT' >"$tmp/rows.source"
sqlite_dump "$back" | grep '^INSERT' >"$tmp/rows.back"
cmp -s "$tmp/rows.source" "$tmp/rows.back"
ok $? "the copy of the copy holds exactly the source's rows"
"$SQLITE" "$src" .schema | sort >"$tmp/schema.source"
"$SQLITE" "$back" .schema | sort >"$tmp/schema.back"
cmp -s "$tmp/schema.source" "$tmp/schema.back"
ok $? "the copy has the source's schema, triggers included"

# The copy takes new writes after the copied ids, audited and chained.
"$CLI" --db "$copy" add agency --code MIG-1 --name "Added after the copy" --level local \
  >"$tmp/out" 2>"$tmp/err"
ok $? "the copy takes a new record"
contains "$tmp/out" "Added agency 12 (MIG-1)" "its id follows the copied ones"
h2=$(last_hash "$copy")
[ ${#h2} -eq 64 ] && [ "$h2" != "$hash" ]
ok $? "the copy's audit log grows and still verifies"

# An empty file (made by someone beforehand) is a valid target.
: >"$tmp/empty.db"
migrate 0 "migrate-to an existing empty file" "$src" "$tmp/empty.db"

# ---- refusals: a target that is not empty stays as it was ----
before=$(sqlite_dump "$copy")
migrate 1 "migrate-to refuses an existing Allot database" "$src" "$copy"
contains "$tmp/err" "already exists and is not empty" "the refusal says why"
[ "$(sqlite_dump "$copy")" = "$before" ]; ok $? "the refused database is unchanged"

printf 'not a database\n' >"$tmp/notes.txt"
migrate 1 "migrate-to refuses a file that is not empty" "$src" "$tmp/notes.txt"
[ "$(cat "$tmp/notes.txt")" = "not a database" ]; ok $? "the refused file is unchanged"

mkdir "$tmp/folder"
migrate 1 "migrate-to refuses a folder" "$src" "$tmp/folder"
contains "$tmp/err" "is a folder" "the refusal names the folder"

migrate 2 "migrate-to needs a target" "$src"
migrate 1 "migrate-to needs an existing source" "$tmp/none.db" "$tmp/none-copy.db"
[ ! -e "$tmp/none-copy.db" ]; ok $? "nothing is created when the source cannot be opened"

# ---- SQLite -> PostgreSQL -> SQLite ----
if ! is_pg; then
  skip "SQLite -> PostgreSQL -> SQLite round trip and PostgreSQL refusals" \
    "ALLOT_TEST_PG_CONNINFO is not set"
else
  pg=$(new_db pgcopy) || exit 1
  migrate 0 "migrate-to an empty PostgreSQL database" "$src" "$pg"
  contains "$tmp/out" "Copied into ${pg##*dbname=}:" "it names the database copied into"
  ! grep -qF -- "$pg" "$tmp/out" "$tmp/err"
  ok $? "it does not print the conninfo (which may hold a password)"
  contains "$tmp/out" "audit chain intact ($records records, last hash $hash)" \
    "the PostgreSQL copy's audit chain has the source's records and last hash"
  reports "$pg" "$tmp/reports.pg"
  cmp -s "$tmp/reports.source" "$tmp/reports.pg" || diff "$tmp/reports.source" "$tmp/reports.pg" | head -20 | sed 's/^/#   /' >&2
  cmp -s "$tmp/reports.source" "$tmp/reports.pg"
  ok $? "every report on PostgreSQL equals the source's, byte for byte"
  [ "$(last_hash "$pg")" = "$hash" ]; ok $? "audit verify on PostgreSQL: intact, the same last hash"
  [ "$(db_sql "$pg" "SELECT count(*) FROM ledger_entries")" = "$entries" ]
  ok $? "PostgreSQL holds every ledger entry"
  [ "$(db_sql "$pg" "SELECT string_agg (rowid || ':' || month, ' ' ORDER BY rowid) FROM periods")" \
    = "1:2024-01 2:2024-02" ]
  ok $? "PostgreSQL's rowid of periods is SQLite's rowid"

  pgback="$tmp/pgback.db"
  migrate 0 "migrate-to copies the PostgreSQL database back into a file" "$pg" "$pgback"
  reports "$pgback" "$tmp/reports.pgback"
  cmp -s "$tmp/reports.source" "$tmp/reports.pgback"
  ok $? "every report of the file copied back equals the source's, byte for byte"
  [ "$(last_hash "$pgback")" = "$hash" ]; ok $? "the file copied back verifies with the same last hash"
  sqlite_dump "$pgback" | grep '^INSERT' >"$tmp/rows.pgback"
  cmp -s "$tmp/rows.source" "$tmp/rows.pgback"
  ok $? "the file copied back holds exactly the source's rows (rowids of settings and periods too)"

  # New writes on PostgreSQL get ids after the copied ones.
  "$CLI" --db "$pg" add agency --code MIG-1 --name "Added after the copy" --level local \
    >"$tmp/out" 2>"$tmp/err"
  ok $? "the PostgreSQL copy takes a new record"
  contains "$tmp/out" "Added agency 12 (MIG-1)" "its id follows the copied ones (sequences set)"

  before=$(db_dump "$pg")
  migrate 1 "migrate-to refuses a PostgreSQL database holding Allot's tables" "$src" "$pg"
  contains "$tmp/err" "already holds tables" "the refusal says why"
  [ "$(db_dump "$pg")" = "$before" ]; ok $? "the refused PostgreSQL database is unchanged"

  other=$(new_db other) || exit 1
  db_sql "$other" "CREATE TABLE notes (id int PRIMARY KEY, body text);
                   INSERT INTO notes VALUES (1, 'keep me')" >/dev/null
  before=$(db_dump "$other")
  migrate 1 "migrate-to refuses a PostgreSQL database holding another program's table" \
    "$src" "$other"
  [ "$(db_dump "$other")" = "$before" ]; ok $? "that database is unchanged"
fi

echo "1..$n"
exit $(( failures > 0 ))
