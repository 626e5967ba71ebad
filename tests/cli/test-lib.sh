# test-lib.sh: what the CLI tests share about the database under test.
# Sourced by the test scripts after they set $tmp (a private temporary
# folder), $n (the TAP test counter) and SQLITE (the sqlite3 shell).
#
# Without ALLOT_TEST_PG_CONNINFO every database is an SQLite file in $tmp.
# With it (the libpq "key=value" conninfo of a throwaway cluster's
# superuser) every database is a fresh PostgreSQL database on that cluster,
# passed to allot-cli --db as that conninfo plus " dbname=…"; the logins the
# tests write as (--user) exist, and the databases are dropped at the end.
# shellcheck shell=bash

PSQL=${PSQL:-psql}
PG_DUMP=${PG_DUMP:-pg_dump}

# Every name the CLI tests and the demo data write as or appoint (on
# PostgreSQL each person is a login).  Keep in step with
# tests/core/test-util.c.
TEST_LOGINS="officer.a reviewer.b rev.b a.okafor m.rivera j.chen"

is_pg () { [ -n "${ALLOT_TEST_PG_CONNINFO:-}" ]; }

# A database is named by appending " dbname=…", which a URI does not take.
case "${ALLOT_TEST_PG_CONNINFO:-}" in
  postgres://*|postgresql://*)
    echo "Bail out! ALLOT_TEST_PG_CONNINFO must be a \"key=value ...\" conninfo, not a URI"
    exit 1 ;;
esac

# A PostgreSQL database name for NAME, unique to this script's run.
pg_dbname () { printf 'allot_test_sh_%s_%s' "$$" "$(printf '%s' "$1" | tr -c 'a-zA-Z0-9_' '_')"; }

# (Without the NOTICEs of "IF EXISTS" on the test's output.)
pg_admin () {
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
    "$PSQL" "$ALLOT_TEST_PG_CONNINFO" -qAtX -v ON_ERROR_STOP=1 "$@"
}

# Creates the logins once per run; a login another test made meanwhile is
# no error (roles belong to the whole cluster).
pg_ensure_logins () {
  [ -e "$tmp/.pg-logins" ] && return 0
  local body="" login
  for login in $TEST_LOGINS; do
    body="$body BEGIN CREATE ROLE \"$login\" LOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
  done
  pg_admin -c "DO \$\$ BEGIN $body END \$\$" >/dev/null && : >"$tmp/.pg-logins"
}

# new_db NAME: where a new, empty database goes: "$tmp/NAME" (nothing is
# created: allot-cli init or demo creates the file), or on PostgreSQL a new
# empty database of the cluster (allot-cli init or demo fills it).
new_db () {
  if ! is_pg; then
    printf '%s\n' "$tmp/$1"
    return 0
  fi
  local name
  name=$(pg_dbname "$1")
  pg_ensure_logins || return 1
  pg_admin -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null || return 1
  pg_admin -c "CREATE DATABASE \"$name\"" >/dev/null || return 1
  printf '%s dbname=%s\n' "$ALLOT_TEST_PG_CONNINFO" "$name"
}

# Drops the databases new_db made in this run (called from the EXIT trap).
drop_dbs () {
  is_pg || return 0
  local name
  for name in $(pg_admin -c "SELECT datname FROM pg_database
                              WHERE datname LIKE 'allot\\_test\\_sh\\_$$\\_%'"); do
    pg_admin -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
  done
}

# db_sql DB QUERY: the rows of QUERY, columns separated by "|", as the
# sqlite3 shell prints them (on PostgreSQL, run as the cluster's superuser).
db_sql () {
  if is_pg; then
    "$PSQL" "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2"
  else
    "$SQLITE" "$1" "$2"
  fi
}

# db_dump DB: everything in the database, for "nothing was written"
# comparisons.  PostgreSQL: pg_dump without the sequences' positions (a
# refused insert may use up an id; that is not a write) and without the
# random key of its \restrict lines (pg_dump 15.14 and later).
db_dump () {
  if is_pg; then
    "$PG_DUMP" --no-owner --no-privileges "$1" |
      grep -v -e '^SELECT pg_catalog\.setval' -e '^\\restrict ' -e '^\\unrestrict '
  else
    "$SQLITE" "$1" .dump
  fi
}

# db_is_blank DB: nothing of Allot's is in DB (no file; on PostgreSQL no table).
db_is_blank () {
  if is_pg; then
    [ "$(db_sql "$1" "SELECT count(*) FROM information_schema.tables
                      WHERE table_schema = 'public'")" = 0 ]
  else
    [ ! -e "$1" ]
  fi
}

# skip_unless_sqlite DESCRIPTION: on PostgreSQL counts one test as skipped
# (it is about the SQLite file itself) and returns 0, so that
# "skip_unless_sqlite … || { the test; }" runs it only on SQLite.
skip_unless_sqlite () {
  is_pg || return 1
  n=$((n + 1))
  echo "ok $n # SKIP (SQLite file only): $1"
  return 0
}
