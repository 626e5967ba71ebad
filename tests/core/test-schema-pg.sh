#!/bin/bash
# test-schema-pg.sh: the PostgreSQL schema (src/core/allot-schema-pg.c) on a
# real server.
#
#   tests/core/test-schema-pg.sh
#
# With ALLOT_TEST_PG_CONNINFO (a key=value conninfo of a superuser, e.g.
# "host=/tmp/pg port=5432 user=postgres"), it works in a scratch database
# and a scratch login it creates there and drops at the end; without it, it
# starts a throwaway cluster (initdb --locale=C in a temporary folder, unix
# socket only; as root through runuser -u postgres) and stops it at exit.
# ALLOT_PG_SCHEMA_DUMP may name a built tests/core/pg-schema-dump; else it is
# compiled here (allot-schema-pg.c and GLib only).
#
# Checked: every migration applies in one transaction each; the audit
# records of inserts, updates, voids and deletes carry the images written
# out by hand below (SQLite's json_object() text, cross-checked with
# sqlite3 for the escapes) and hashes recomputed independently in Python
# from the canonical form, chained by prev_hash, also under two concurrent
# writers; forged user names refused; UPDATE, DELETE and TRUNCATE of the
# audit log refused to the owner (trigger) and to an application login
# (privilege); the no-delete, append-only and unvoid triggers; the
# compatibility functions give sqlite3's answers for the same calls.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/allot-schema-pg.XXXXXX)
chmod 755 "$work"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pid=$$
db="allot_schema_test_$pid"
clerk="allot_test_clerk_$pid"
own_cluster=0
failures=0
n=0

as_pg () {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup () {
  set +e
  if [ -n "${base:-}" ]; then
    psql -X -q -d "$base" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
    psql -X -q -d "$base" -c "DROP ROLE IF EXISTS $clerk" >/dev/null 2>&1
  fi
  if [ "$own_cluster" = 1 ]; then
    as_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; }

# check NAME EXPECTED ACTUAL
check () {
  if [ "$2" == "$3" ]; then ok "$1"; else
    not_ok "$1"; printf '#   expected: %s\n#   actual:   %s\n' "$2" "$3"; fi
}

# ---- the server ----
if [ -n "${ALLOT_TEST_PG_CONNINFO:-}" ]; then
  base="$ALLOT_TEST_PG_CONNINFO"
else
  [ -n "$pgbin" ] || { echo "Bail out! no PostgreSQL server binaries"; exit 1; }
  if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi
  as_pg "$pgbin/initdb" -D "$work/data" --locale=C --encoding=UTF8 -U allot_admin \
    --auth=trust >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
  as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/data/log" \
    -o "-p 5432 -k $work -c listen_addresses=''" -w start >/dev/null
  own_cluster=1
  base="host=$work port=5432 user=allot_admin dbname=postgres"
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$base" -c "CREATE DATABASE $db" >/dev/null
conn="$base dbname=$db"

# q SQL...: runs in one session, prints unaligned rows.
q () { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$conn" "$@"; }
# SQL run as the scratch login (session_user becomes it).
as_clerk () { printf 'SET SESSION AUTHORIZATION %s;\n%s\n' "$clerk" "$1"; }

# refused NAME SQLSTATE MESSAGE SQL: the statement fails with that state
# and message, and the audit log is unchanged.
refused () {
  local before after out
  before=$(q -c "SELECT count(*) || ' ' || COALESCE (max (hash), '') FROM audit_log")
  if out=$(printf '%s\n' "$4" | psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$conn" 2>&1); then
    not_ok "$1 (it was accepted)"; return
  fi
  after=$(q -c "SELECT count(*) || ' ' || COALESCE (max (hash), '') FROM audit_log")
  if [[ "$out" == *"ERROR:  $2: $3"* ]] && [ "$before" == "$after" ]; then ok "$1"; else
    not_ok "$1"; printf '#   expected: ERROR:  %s: %s\n#   got: %s\n' "$2" "$3" "$out"; fi
}

# ---- migrations ----
dump="${ALLOT_PG_SCHEMA_DUMP:-}"
if [ -z "$dump" ]; then
  dump="$work/pg-schema-dump"
  cc -std=gnu11 -Wall -Werror -I"$top/src/core" $(pkg-config --cflags glib-2.0) \
    "$top/tests/core/pg-schema-dump.c" "$top/src/core/allot-schema-pg.c" \
    $(pkg-config --libs glib-2.0) -o "$dump"
fi
migrations=$("$dump")
check "six migrations" 6 "$migrations"
for v in $(seq 1 "$migrations"); do
  if { "$dump" "$v"; printf "\nINSERT INTO schema_migrations (version, applied_at) VALUES (%d, strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'));\n" "$v"; } \
       | psql -X -q -v ON_ERROR_STOP=1 -1 -d "$conn" >"$work/migration-$v.log" 2>&1; then
    ok "migration $v applies"
  else
    not_ok "migration $v applies"; sed 's/^/#   /' "$work/migration-$v.log"; exit 1
  fi
  if "$dump" "$v" | grep -q '?'; then not_ok "migration $v has no '?'"; fi
done
check "versions recorded" "1,2,3,4,5,6" "$(q -c "SELECT string_agg (version::text, ',' ORDER BY version) FROM schema_migrations")"

# The refusal triggers: SQLite's (the dump of schema 6), name, table and
# message, and the audit log's TRUNCATE, which SQLite does not have.
cat >"$work/refusals.expected" <<'EOF'
allocations_no_delete|allocations|allocations are voided, never deleted
amendments_no_delete|amendments|amendments are append-only
amendments_no_update|amendments|amendments are append-only
assignments_no_delete|assignments|assignments are voided, never deleted
assignments_unvoid|assignments|a voided record stays voided
audit_log_no_delete|audit_log|the audit log is append-only
audit_log_no_truncate|audit_log|the audit log is append-only
audit_log_no_update|audit_log|the audit log is append-only
claim_payments_no_delete|claim_payments|claim payments are voided, never deleted
claim_payments_unvoid|claim_payments|a voided record stays voided
contributions_no_delete|contributions|contributions are voided, never deleted
contributions_unvoid|contributions|a voided record stays voided
drawdowns_no_delete|drawdowns|drawdowns are voided, never deleted
drawdowns_unvoid|drawdowns|a voided record stays voided
indirect_rates_no_delete|indirect_rates|indirect rate periods are voided, never deleted
indirect_rates_unvoid|indirect_rates|a voided record stays voided
ledger_no_delete|ledger_entries|ledger entries are voided, never deleted
ledger_unvoid|ledger_entries|a voided entry stays voided
match_entries_no_delete|match_entries|match entries are voided, never deleted
match_entries_unvoid|match_entries|a voided record stays voided
officers_no_delete|officers|officers are made inactive, never deleted
overtime_caps_no_delete|overtime_caps|overtime caps are voided, never deleted
overtime_caps_unvoid|overtime_caps|a voided record stays voided
overtime_entries_no_delete|overtime_entries|overtime entries are voided, never deleted
overtime_entries_unvoid|overtime_entries|a voided record stays voided
periods_no_delete|periods|periods are reopened, never deleted
program_income_no_delete|program_income|program income entries are voided, never deleted
program_income_unvoid|program_income|a voided record stays voided
receipts_no_delete|receipts|receipts are voided, never deleted
receipts_unvoid|receipts|a voided record stays voided
reimbursement_claims_no_delete|reimbursement_claims|reimbursement claims are voided, never deleted
reimbursement_claims_unvoid|reimbursement_claims|a voided record stays voided
EOF
q -c "SELECT t.tgname || '|' || c.relname || '|' || replace (encode (t.tgargs, 'escape'), '\\000', '')
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE NOT t.tgisinternal AND p.proname = 'allot_refuse' ORDER BY 1" >"$work/refusals.actual"
if diff "$work/refusals.expected" "$work/refusals.actual" >"$work/refusals.diff"; then
  ok "refusal triggers as SQLite's"
else
  not_ok "refusal triggers as SQLite's"; sed 's/^/#   /' "$work/refusals.diff"
fi
check "audit triggers: delete only on agencies, task forces, members, categories" \
  "audit_agencies_delete,audit_categories_delete,audit_task_force_members_delete,audit_task_forces_delete" \
  "$(q -c "SELECT string_agg (tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE tgname LIKE 'audit\\_%\\_delete' AND tgname NOT LIKE 'audit\\_log\\_%'")"
check "27 audited tables, an insert and an update trigger each" "27 27" \
  "$(q -c "SELECT count(*) FILTER (WHERE tgname LIKE 'audit\\_%\\_insert') || ' ' || count(*) FILTER (WHERE tgname LIKE 'audit\\_%\\_update') FROM pg_trigger WHERE tgname NOT LIKE 'audit\\_log\\_%'")"

admin=$(q -c "SELECT session_user")

# ---- audited writes, in a session whose DateStyle and time zone are not
# ISO and UTC: the images and "at" must not depend on them. ----
export PGOPTIONS="-c DateStyle=SQL,DMY -c TimeZone=Pacific/Auckland"
q <<'EOF' >/dev/null
INSERT INTO agencies (code, name, level, ori)
  VALUES ('SP', E'State "Police" \\ Dept\t\u00e9\u0001', 'state', NULL);
INSERT INTO task_forces (code, name, lead_agency_id, start_date)
  VALUES ('TF1', 'Metro', 1, '2026-01-15');
INSERT INTO task_force_members VALUES (1, 1);
INSERT INTO categories (code, name, sf424a_line) VALUES ('PER', 'Personnel', 'a');
INSERT INTO sources (code, name, kind, agency_id) VALUES ('G1', 'Byrne JAG', 'grant', 1);
INSERT INTO grants (source_id, award_number, assistance_listing, award_amount, pop_start,
                    pop_end, uniform_guidance, reporting_frequency)
  VALUES (1, '15PBJA-25-GG-00001', '16.738', 50000000, '2025-10-01', '2027-09-30', '2024',
          'quarterly');
INSERT INTO allocations (source_id, task_force_id, category_id, fiscal_year, amount,
                         description, entered_by, entered_at)
  VALUES (1, 1, 1, 2026, 2500000, 'Overtime', session_user, '2026-01-02T03:04:05.678Z');
INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, document_number, payee,
                            entered_by, entered_at)
  VALUES (1, 'obligation', 125050, '2026-02-03', 'PO-1', 'Acme', session_user,
          '2026-02-03T10:00:00.000Z');
INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, document_number,
                            entered_by, entered_at)
  VALUES (1, 'adjustment', -2550, '2026-02-04', 'ADJ-1', session_user, '2026-02-04T00:00:00.000Z');
UPDATE ledger_entries SET voided = 1, voided_by = session_user,
  voided_at = '2026-02-05T00:00:00.000Z', void_reason = 'Duplicate', version = version + 1
  WHERE id = 1;
UPDATE settings SET value = '11' WHERE key = 'fy_start_month';
DELETE FROM task_force_members WHERE task_force_id = 1 AND agency_id = 1;
INSERT INTO agencies (code, name, level) VALUES ('TMP', 'Temporary', 'local');
DELETE FROM agencies WHERE code = 'TMP';
INSERT INTO audit_log (at, "user", action, table_name, record_id, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), session_user, 'export', 'ledger_entries',
          NULL, NULL, json (CAST ('{ "rows" : 3 }' AS text)));
EOF

# audit TABLE ACTION RECORD_ID COLUMN: one column of that audit record.
audit () {
  q -c "SELECT $4 FROM audit_log WHERE table_name = '$1' AND action = '$2'
        AND record_id IS NOT DISTINCT FROM $3 ORDER BY id DESC LIMIT 1"
}

agency_after='{"id":1,"code":"SP","name":"State \"Police\" \\ Dept\té\u0001","level":"state","ori":null,"version":1}'
check "agency image (escapes)" "$agency_after" "$(audit agencies insert 1 after)"
check "agency image is sqlite3's json_object() text" \
  "$(sqlite3 :memory: "SELECT json_object('id', 1, 'code', 'SP', 'name', 'State \"Police\" \\ Dept' || char(9) || 'é' || char(1), 'level', 'state', 'ori', NULL, 'version', 1);")" \
  "$(audit agencies insert 1 after)"
check "task force image (dates as ISO strings)" \
  '{"id":1,"code":"TF1","name":"Metro","lead_agency_id":1,"start_date":"2026-01-15","end_date":null,"immigration":0,"version":1}' \
  "$(audit task_forces insert 1 after)"
check "category image (column added by migration 2 last)" \
  '{"id":1,"code":"PER","name":"Personnel","sf424a_line":"a","version":1,"esac_category":null}' \
  "$(audit categories insert 1 after)"
check "source image" \
  '{"id":1,"code":"G1","name":"Byrne JAG","kind":"grant","agency_id":1,"closed":0,"immigration":0,"notes":null,"version":1}' \
  "$(audit sources insert 1 after)"
check "grant image, record id = source_id" \
  '{"source_id":1,"award_number":"15PBJA-25-GG-00001","assistance_listing":"16.738","award_amount":50000000,"pop_start":"2025-10-01","pop_end":"2027-09-30","match_required":0,"indirect_rate_type":"none","indirect_rate_bp":0,"indirect_base":null,"uniform_guidance":"2024","reporting_frequency":"quarterly"}' \
  "$(audit grants insert 1 after)"
check "allocation image" \
  "{\"id\":1,\"source_id\":1,\"task_force_id\":1,\"category_id\":1,\"fiscal_year\":2026,\"amount\":2500000,\"description\":\"Overtime\",\"status\":\"approved\",\"voided\":0,\"entered_by\":\"$admin\",\"entered_at\":\"2026-01-02T03:04:05.678Z\",\"version\":1,\"updated_by\":null,\"review_comment\":null,\"reviewed_by\":null,\"reviewed_at\":null,\"void_reason\":null}" \
  "$(audit allocations insert 1 after)"
entry_before="{\"id\":1,\"allocation_id\":1,\"kind\":\"obligation\",\"amount\":125050,\"entry_date\":\"2026-02-03\",\"paid_date\":null,\"obligation_id\":null,\"document_number\":\"PO-1\",\"payee\":\"Acme\",\"description\":\"\",\"status\":\"approved\",\"immigration\":0,\"entered_by\":\"$admin\",\"entered_at\":\"2026-02-03T10:00:00.000Z\",\"voided\":0,\"voided_by\":null,\"voided_at\":null,\"void_reason\":null,\"version\":1,\"updated_by\":null,\"review_comment\":null,\"reviewed_by\":null,\"reviewed_at\":null}"
check "ledger entry image" "$entry_before" "$(audit ledger_entries insert 1 after)"
check "negative amount" '-2550' "$(audit ledger_entries insert 2 "after::json ->> 'amount'")"
check "void: action void, before image" "$entry_before" "$(audit ledger_entries void 1 before)"
check "void: after image" \
  "{\"id\":1,\"allocation_id\":1,\"kind\":\"obligation\",\"amount\":125050,\"entry_date\":\"2026-02-03\",\"paid_date\":null,\"obligation_id\":null,\"document_number\":\"PO-1\",\"payee\":\"Acme\",\"description\":\"\",\"status\":\"approved\",\"immigration\":0,\"entered_by\":\"$admin\",\"entered_at\":\"2026-02-03T10:00:00.000Z\",\"voided\":1,\"voided_by\":\"$admin\",\"voided_at\":\"2026-02-05T00:00:00.000Z\",\"void_reason\":\"Duplicate\",\"version\":2,\"updated_by\":null,\"review_comment\":null,\"reviewed_by\":null,\"reviewed_at\":null}" \
  "$(audit ledger_entries void 1 after)"
check "settings update: record id = rowid, no rowid in the image" \
  '{"key":"fy_start_month","value":"10"}|{"key":"fy_start_month","value":"11"}' \
  "$(audit settings update 1 "before || '|' || after")"
check "member delete audited with its last image" '{"task_force_id":1,"agency_id":1}|' \
  "$(audit task_force_members delete 1 "before || '|' || COALESCE (after, '')")"
check "agency delete audited" '{"id":2,"code":"TMP","name":"Temporary","level":"local","ori":null,"version":1}|' \
  "$(audit agencies delete 2 "before || '|' || COALESCE (after, '')")"
check "application event: json() minified, user and chain filled in" "{\"rows\":3}|$admin" \
  "$(audit ledger_entries export NULL "after || '|' || \"user\"")"
check "audit user is the session's" "$admin" \
  "$(q -c "SELECT string_agg (DISTINCT \"user\", ',') FROM audit_log")"

# ---- forged names and refusals ----
refused "forged entered_by refused" 42501 \
  "allocations.entered_by may only name the user of this session: it names mallory, the session acts as $admin" \
  "INSERT INTO allocations (source_id, task_force_id, category_id, fiscal_year, amount, entered_by, entered_at)
   VALUES (1, 1, 1, 2027, 100, 'mallory', '2026-01-01T00:00:00.000Z');"
refused "forged reviewed_by refused" 42501 \
  "ledger_entries.reviewed_by may only name the user of this session: it names mallory, the session acts as $admin" \
  "UPDATE ledger_entries SET reviewed_by = 'mallory' WHERE id = 2;"
refused "forged audit user refused" 42501 \
  "audit_log.user may only name the user of this session: it names mallory, the session acts as $admin" \
  "INSERT INTO audit_log (at, \"user\", action, table_name) VALUES ('x', 'mallory', 'export', 'x');"
refused "owner: UPDATE of the audit log refused" P0001 "the audit log is append-only" \
  "UPDATE audit_log SET action = 'x' WHERE id = 1;"
refused "owner: DELETE from the audit log refused" P0001 "the audit log is append-only" \
  "DELETE FROM audit_log WHERE id = 1;"
refused "owner: TRUNCATE of the audit log refused" P0001 "the audit log is append-only" \
  "TRUNCATE audit_log;"
refused "ledger entries are never deleted" P0001 "ledger entries are voided, never deleted" \
  "DELETE FROM ledger_entries WHERE id = 2;"
refused "allocations are never deleted" P0001 "allocations are voided, never deleted" \
  "DELETE FROM allocations WHERE id = 1;"
refused "a voided entry stays voided" P0001 "a voided entry stays voided" \
  "UPDATE ledger_entries SET voided = 0 WHERE id = 1;"
q -c "INSERT INTO amendments (source_id, effective_date, amount, description, entered_by, entered_at)
      VALUES (1, '2026-03-01', 100000, 'Supplement', session_user, '2026-03-01T00:00:00.000Z')" >/dev/null
refused "amendments are append-only" P0001 "amendments are append-only" \
  "UPDATE amendments SET amount = 1 WHERE id = 1;"
q <<'EOF' >/dev/null
INSERT INTO sources (code, name, kind) VALUES ('F1', 'Equitable sharing', 'forfeiture');
INSERT INTO forfeiture_funds (source_id, program) VALUES (2, 'doj');
INSERT INTO receipts (source_id, kind, received_date, amount, case_number, entered_by, entered_at)
  VALUES (2, 'sharing', '2026-01-10', 5000, 'C-1', session_user, '2026-01-10T00:00:00.000Z');
UPDATE receipts SET voided = 1, voided_by = session_user, void_reason = 'Wrong case' WHERE id = 1;
EOF
refused "a voided receipt stays voided (migration 5)" P0001 "a voided record stays voided" \
  "UPDATE receipts SET voided = 0 WHERE id = 1;"

# ---- an application login ----
psql -X -q -v ON_ERROR_STOP=1 -d "$base" -c "CREATE ROLE $clerk LOGIN" -c "GRANT allot_app TO $clerk" >/dev/null
q -c "$(as_clerk "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, document_number, entered_by, entered_at, status)
                  VALUES (1, 'expenditure', 700, '2026-02-10', 'INV-9', '$clerk', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'submitted');")" >/dev/null
check "a login writes as itself, audited under its name" "$clerk|$clerk" \
  "$(audit ledger_entries insert 3 "\"user\" || '|' || (after::json ->> 'entered_by')")"
refused "a login cannot write another's name" 42501 \
  "ledger_entries.entered_by may only name the user of this session: it names $admin, the session acts as $clerk" \
  "$(as_clerk "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, document_number, entered_by, entered_at)
               VALUES (1, 'expenditure', 700, '2026-02-11', 'INV-10', '$admin', '2026-02-11T00:00:00.000Z');")"
refused "login: UPDATE of the audit log not permitted" 42501 "permission denied for table audit_log" \
  "$(as_clerk "UPDATE audit_log SET action = 'x' WHERE id = 1;")"
refused "login: DELETE from the audit log not permitted" 42501 "permission denied for table audit_log" \
  "$(as_clerk "DELETE FROM audit_log WHERE id = 1;")"
refused "login: TRUNCATE of the audit log not permitted" 42501 "permission denied for table audit_log" \
  "$(as_clerk "TRUNCATE audit_log;")"
refused "login: versions read-only" 42501 "permission denied for table schema_migrations" \
  "$(as_clerk "DELETE FROM schema_migrations;")"
# A reviewer approves the login's entry: the entry keeps its (other) author.
q -c "UPDATE ledger_entries SET status = 'approved', reviewed_by = session_user,
        reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), version = version + 1 WHERE id = 3" >/dev/null
check "another's unchanged entered_by does not stop an approval" "$clerk|$admin" \
  "$(audit ledger_entries update 3 "(after::json ->> 'entered_by') || '|' || (after::json ->> 'reviewed_by')")"

# ---- two writers at once: the chain stays one line ----
for w in a b; do
  ( for i in $(seq 1 25); do
      echo "INSERT INTO categories (code, name, sf424a_line) VALUES ('C$w$i', 'Category $w$i', 'b');"
    done | q >/dev/null ) &
done
wait

# ---- the chain, recomputed in Python from the canonical form ----
unset PGOPTIONS
q -c "SELECT json_agg (a ORDER BY id) FROM audit_log a" >"$work/log.json"
chain=$(python3 - "$work/log.json" <<'EOF'
import hashlib, json, re, sys
records = json.load(open(sys.argv[1]))
def canon(v):
    if v is None:
        return b"N;"
    if isinstance(v, int):
        return b"I%d;" % v
    raw = v.encode("utf-8")
    return b"S%d:" % len(raw) + raw + b";"
problems = []
prev = ""
for i, r in enumerate(records, 1):
    if r["id"] != i:
        problems.append("id %s at place %d" % (r["id"], i))
    if r["prev_hash"] != prev:
        problems.append("prev_hash of %d" % r["id"])
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", r["at"]):
        problems.append("at of %d: %s" % (r["id"], r["at"]))
    form = b"".join(canon(r[k]) for k in ("prev_hash", "id", "at", "user", "action",
                                          "table_name", "record_id", "before", "after"))
    if hashlib.sha256(form).hexdigest() != r["hash"]:
        problems.append("hash of %d" % r["id"])
    prev = r["hash"]
print("%d records, %s" % (len(records), "; ".join(problems) or "chain intact"))
EOF
)
check "hash chain recomputed independently" "$(q -c "SELECT count(*) FROM audit_log") records, chain intact" "$chain"
check "both writers' 50 records" 50 "$(q -c "SELECT count(*) FROM audit_log WHERE table_name = 'categories' AND record_id > 1")"

# ---- what audit verification needs on PostgreSQL ----
check "a row matches its last audit image" "t" \
  "$(q -c "SELECT allot_row_matches_image (to_json (r), (SELECT after FROM audit_log WHERE table_name = 'ledger_entries'
           AND record_id = 1 ORDER BY id DESC LIMIT 1)) FROM ledger_entries r WHERE id = 1")"
check "an image older than a column that is NULL still matches" "t" \
  "$(q -c "SELECT allot_row_matches_image (to_json (r), '{\"id\":1,\"code\":\"PER\",\"name\":\"Personnel\",\"sf424a_line\":\"a\",\"version\":1}')
           FROM categories r WHERE id = 1")"
q -c "ALTER TABLE categories DISABLE TRIGGER USER" -c "UPDATE categories SET name = 'Tampered' WHERE id = 1" \
  -c "ALTER TABLE categories ENABLE TRIGGER USER" >/dev/null
check "a row changed behind the triggers no longer matches" "f" \
  "$(q -c "SELECT allot_row_matches_image (to_json (r), (SELECT after FROM audit_log WHERE table_name = 'categories'
           AND record_id = 1 ORDER BY id DESC LIMIT 1)) FROM categories r WHERE id = 1")"
row=$(q -c "SELECT to_json (r) FROM ledger_entries r WHERE id = 1")
check "allot_row_hash(), recomputed in Python" \
  "$(printf '%s' "$row" | python3 -c '
import hashlib, json, sys
def canon(v):
    if isinstance(v, int):
        return b"I%d;" % v
    raw = v.encode("utf-8")
    return b"S%d:" % len(raw) + raw + b";"
row = json.load(sys.stdin)
print(hashlib.sha256(b"".join(canon(k) + canon(v) for k, v in row.items() if v is not None and k != "rowid")).hexdigest())')" \
  "$(q -c "SELECT allot_row_hash (to_json (r)) FROM ledger_entries r WHERE id = 1")"

# ---- SQLite's schema introspection, as the core reads it ----
check "pragma_table_info: columns in order, types, not null, primary key, default" \
  "id:BIGINT:1:1:-,code:TEXT:1:0:-,name:TEXT:1:0:-,level:TEXT:1:0:-,ori:TEXT:0:0:-,version:BIGINT:1:0:1" \
  "$(q -c "SELECT string_agg (name || ':' || type || ':' || \"notnull\" || ':' || pk || ':' || COALESCE (dflt_value, '-'), ',' ORDER BY cid) FROM pragma_table_info ('agencies')")"
check "pragma_table_info: rowid left out, composite key" "key:1,value:0|task_force_id:1,agency_id:2" \
  "$(q -c "SELECT (SELECT string_agg (name || ':' || pk, ',' ORDER BY cid) FROM pragma_table_info ('settings')) || '|'
           || (SELECT string_agg (name || ':' || pk, ',' ORDER BY cid) FROM pragma_table_info ('task_force_members'))")"
check "registry's query: what refers to agencies" \
  "agreements|partner_agency_id,officers|agency_id,sources|agency_id,task_force_members|agency_id,task_forces|lead_agency_id" \
  "$(q -c "PREPARE refs AS SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list (m.name) f
             WHERE m.type = 'table' AND f.\"table\" = \$1 ORDER BY m.name, f.id" -c "EXECUTE refs ('agencies')" | paste -sd,)"
check "import's query: an index's definition" \
  "CREATE INDEX ledger_balance ON public.ledger_entries USING btree (allocation_id, voided, status, id, kind, amount, obligation_id)" \
  "$(q -c "PREPARE ix AS SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = \$1 AND tbl_name = \$2" \
       -c "EXECUTE ix ('ledger_balance', 'ledger_entries')")"

# ---- compatibility functions: the same calls in sqlite3 and here ----
cat >"$work/calls" <<'EOF'
strftime('%Y-%m-%d %H:%M:%S', '2026-03-04 05:06:07')
strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-02 03:04:05.678')
strftime('%Y|%m|%d|%j', '2026-02-03')
strftime('%s', '2026-01-01 00:00:00')
strftime('%Y', '2026-12-31')
strftime('%Q', '2026-12-31')
date('2026-01-31', '+30 days')
date('2026-03-01', '-1 days')
date('2026-01-01', '+' || '90' || ' days')
date('2026-01-31', '+1 months')
date('2024-02-29', '+1 years')
date('2026-05-17', 'start of month')
date('2026-05-17', 'start of year')
date('2026-01-01', 'fortnight')
instr('hello world', 'o')
instr('abc', 'z')
instr(lower('ABC'), 'b')
max(3, 7)
min(3, 7)
max(-5, 0)
max(NULL, 1)
min(2, NULL)
max(2.5, 1)
(SELECT group_concat(column1) FROM (VALUES ('a'), ('b'), (NULL), ('c')) AS t)
(SELECT group_concat(column1, ', ') FROM (VALUES ('x'), ('y')) AS t)
(SELECT group_concat(DISTINCT column1) FROM (VALUES ('a'), ('a'), ('b')) AS t)
(SELECT group_concat(column1) FROM (VALUES ('a')) AS t WHERE column1 = 'z')
(SELECT json_group_array(column1) FROM (VALUES (1), (2), (3)) AS t)
(SELECT json_group_array(column1) FROM (VALUES (1)) AS t WHERE column1 < 0)
(SELECT group_concat(key || ':' || value, ';') FROM json_each('[5,7,9]'))
json(CAST('{ "a" : [1, 2 ], "b" : "x y" }' AS TEXT))
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.a')
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.b')
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.c')
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.d')
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.f')
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.o')
json_extract('{"a":12,"b":"x\"y","c":null,"d":true,"f":1.5,"o":{"p": [1, 2]}}', '$.missing')
CASE WHEN CAST(json_extract('{"a":12,"b":9}', '$.a') AS INTEGER) > CAST(json_extract('{"a":12,"b":9}', '$.b') AS INTEGER) THEN 'numbers' ELSE 'text' END
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.a')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.b')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.c')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.d')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.e')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.f')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$.g')
json_type('{"a":12,"b":"x","c":null,"d":true,"e":false,"f":1.5,"g":[1]}', '$')
json_type('{"a":12}', '$.missing')
EOF
while IFS= read -r call; do
  lite=$(sqlite3 -batch :memory: "SELECT $call;" 2>&1)
  pg=$(PGOPTIONS="-c DateStyle=ISO" q -c "SELECT $call" 2>&1 || true)
  check "sqlite3 and PostgreSQL agree: $call = '$lite'" "$lite" "$pg"
done <"$work/calls"

# What sqlite3 cannot be asked in the same words.
export PGOPTIONS="-c DateStyle=ISO"
check "substr of a date" "2026-03|2026-03-04" \
  "$(q -c "SELECT substr (DATE '2026-03-04', 1, 7) || '|' || substr (DATE '2026-03-04', 1)")"
check "allot_user() is the session's login" "$admin" "$(q -c "SELECT allot_user ()")"
check "strftime 'now' is this statement's UTC time" "t" \
  "$(q -c "SELECT strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') = to_char (statement_timestamp () AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")"
# The shared queries' shapes: parameters of unknown type resolve.
check "rules: dates compared with date(param, '+' || param || ' days')" "1" \
  "$(q -c "PREPARE deadline AS SELECT count(*) FROM grants g WHERE g.pop_end >= \$1
             AND g.pop_end <= date (\$1, '+' || \$2 || ' days') AND \$1 < date (g.pop_end, '+' || \$3 || ' days')" \
       -c "EXECUTE deadline ('2027-09-01', '90', '120')")"
check "burn: SUM (MAX (numeric, 0))" "125050" \
  "$(q -c "SELECT COALESCE (SUM (MAX (open_amount, 0)), 0) FROM (SELECT SUM (amount) AS open_amount FROM ledger_entries WHERE kind = 'obligation' UNION ALL SELECT -5) s")"
check "json_each of bound ids, ordered by key" "3,1" \
  "$(q -c "PREPARE ids AS SELECT string_agg (e.id::text, ',' ORDER BY j.key) FROM json_each (\$1) j JOIN ledger_entries e ON e.id = j.value" \
       -c "EXECUTE ids ('[3,1]')")"
check "json(bound text)" '{"a":[1,2]}' \
  "$(q -c "PREPARE j AS SELECT json (\$1)" -c "EXECUTE j ('{ \"a\": [1, 2] }')")"
check "balances view" "1|50100000|2500000|0|-1850|0" \
  "$(q -c "SELECT source_id || '|' || authorized || '|' || allocated || '|' || obligated || '|' || expended || '|' || unliquidated FROM source_balances WHERE source_id = 1")"

echo "1..$n"
if [ "$failures" -gt 0 ]; then echo "# $failures failed"; exit 1; fi
