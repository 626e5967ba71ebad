#!/usr/bin/env bash
# test-logins.sh: on PostgreSQL a person is a login (issue 9).  An
# administrator's "users add" makes the login; that login then writes under
# its own name and cannot write as anyone else; a login nobody added is told
# so; the audit log's user is the server's.  On SQLite there are no logins:
# the script says so and passes.
set -u

CLI=${ALLOT_CLI:?ALLOT_CLI must point at allot-cli}
SQLITE=${SQLITE3:-sqlite3}
export LC_ALL=C.UTF-8
unset ALLOT_DB

tmp=$(mktemp -d)
n=0
failures=0
. "$(dirname "$0")/test-lib.sh"
trap 'drop_dbs; is_pg && pg_admin -c "DROP ROLE IF EXISTS \"clerk_$$\"" >/dev/null 2>&1; rm -rf "$tmp"' EXIT

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failures=$((failures + 1)); fi
}

if ! is_pg; then
  echo "ok 1 # SKIP logins exist on PostgreSQL only (ALLOT_TEST_PG_CONNINFO is not set)"
  echo "1..1"
  exit 0
fi

db=$(new_db logins) || exit 1
# Unique to this run: roles belong to the whole cluster.
clerk="clerk_$$"
stranger="stranger_$$"
as_login () { local login=$1; shift; "$CLI" --db "$db user=$login" "$@"; }

"$CLI" --db "$db" init >/dev/null 2>"$tmp/err"; ok $? "init as the administrator's login"
"$CLI" --db "$db" users add "$clerk" officer >"$tmp/out" 2>"$tmp/err"
ok $? "users add makes the person's login"
as_login "$clerk" add agency --code FBI --name "Federal Bureau of Investigation" --level federal \
  >"$tmp/out" 2>"$tmp/err"
ok $? "the new login writes"
"$CLI" --db "$db" audit list >"$tmp/audit" 2>&1
grep -q "$clerk  *insert  *agencies" "$tmp/audit"; ok $? "the audit log names the login that wrote"

db_dump "$db" >"$tmp/before"
as_login "$clerk" --user "$(pg_admin -c "SELECT current_user")" add agency --code DEA --name "Drug Enforcement" \
  --level federal >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 1 )) "writing as someone else is refused (exit 1)"
grep -q "cannot act as" "$tmp/err"; ok $? "the refusal says why"
db_dump "$db" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"; ok $? "the refused write changed nothing"

# A forged name in a column the client fills: straight SQL as the login.
"$PSQL" "$db user=$clerk" -qAtXc \
  "INSERT INTO amendments (source_id, effective_date, amount, description, entered_by, entered_at)
   SELECT 1, DATE '2026-01-01', 100, 'x', 'someone.else', '2026-01-01T00:00:00.000Z'" \
  >"$tmp/out" 2>"$tmp/err"
grep -q "entered_by may only name the user of this session" "$tmp/err"
ok $? "a forged entered_by is refused by the server"
"$PSQL" "$db user=$clerk" -qAtXc \
  "DELETE FROM audit_log" >"$tmp/out" 2>"$tmp/err"
grep -q "permission denied" "$tmp/err"; ok $? "the login may not delete audit records"

# PostgreSQL would cut a longer name to 63 bytes: two people, one login.
long=$(printf 'o%.0s' $(seq 64))
db_dump "$db" >"$tmp/before"
"$CLI" --db "$db" users add "$long" officer >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 1 )) "a name longer than a login can be is refused (exit 1)"
grep -q "longer than the 63 bytes" "$tmp/err"; ok $? "the refusal says why"
db_dump "$db" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"; ok $? "and nothing was written"

pg_admin -qc "CREATE ROLE \"$stranger\" LOGIN" >/dev/null 2>&1
as_login "$stranger" balances >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 1 )) "a login nobody added is refused (exit 1)"
grep -q "may not use this Allot database" "$tmp/err"; ok $? "and told who can add it"
pg_admin -qc "DROP ROLE IF EXISTS \"$stranger\"" >/dev/null 2>&1

echo "1..$n"
[ "$failures" -eq 0 ]
