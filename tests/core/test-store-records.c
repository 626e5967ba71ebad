/* test-store-records.c: creating, reading and updating every kind of record,
 * and every refusal of the store.
 *
 * For every refusal the whole database (every row of every table, the audit
 * log included) is dumped through a separate read-only connection before and
 * after, and the two dumps must be equal: a refused write leaves nothing.
 */
#include <locale.h>
#include <string.h>

#include "allot-date.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 fbi;      /* federal */
  gint64 dea;      /* federal */
  gint64 bja;      /* federal, awarding agency */
  gint64 mpd;      /* local */
  gint64 doc;      /* state */
  gint64 tf;       /* led by the FBI, MPD and DOC members */
  gint64 tf2;      /* led by the DEA */
  gint64 pers;     /* category, line a */
  gint64 equip;    /* category, line d */
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(GError) error = NULL;

  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "allot.db", &fx->path);
  allot_store_set_user (fx->store, "officer1");
  fx->fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                                  ALLOT_AGENCY_FEDERAL);
  fx->dea = test_util_add_agency (fx->store, "DEA", "Drug Enforcement Administration",
                                  ALLOT_AGENCY_FEDERAL);
  fx->bja = test_util_add_agency (fx->store, "BJA", "Bureau of Justice Assistance",
                                  ALLOT_AGENCY_FEDERAL);
  fx->mpd = test_util_add_agency (fx->store, "MPD", "Metropolitan Police Department",
                                  ALLOT_AGENCY_LOCAL);
  fx->doc = test_util_add_agency (fx->store, "DOC", "Department of Corrections",
                                  ALLOT_AGENCY_STATE);

  tf->code = g_strdup ("SSTF");
  tf->name = g_strdup ("Safe Streets Task Force");
  tf->lead_agency_id = fx->fbi;
  test_util_date (&tf->start_date, 2020, 1, 1);
  g_array_append_val (tf->member_ids, fx->mpd);
  g_array_append_val (tf->member_ids, fx->doc);
  g_assert_true (allot_store_add_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  fx->tf = tf->id;
  fx->tf2 = test_util_add_task_force (fx->store, "HIDTA", "HIDTA Task Force", fx->dea);

  fx->pers = test_util_add_category (fx->store, "PERS", "Personnel", 'a');
  fx->equip = test_util_add_category (fx->store, "EQUIP", "Equipment", 'd');
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  test_util_close_store (&fx->store, &fx->dir, &fx->path);
}

/* Takes a snapshot before a write that must be refused. */
static char *
snapshot (Fixture *fx)
{
  return test_util_dump_db (fx->path);
}

/* test_util_check_refused() on the fixture's database. */
#define check_refused(fx, ...) test_util_check_refused ((fx)->path, __VA_ARGS__)

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *text = NULL;

  if (iso == NULL)
    {
      g_assert_false (g_date_valid (date));
      return;
    }
  g_assert_true (g_date_valid (date));
  text = allot_date_format_iso (date);
  g_assert_cmpstr (text, ==, iso);
}

static void
set_date (GDate      *date,
          const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  if (iso != NULL)
    {
      g_assert_true (allot_date_parse (iso, date, &error));
      g_assert_no_error (error);
    }
}

/* ---- agencies ---- */

static void
test_agency (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autoptr(AllotAgency) read = NULL;
  g_autoptr(AllotAgency) stale = NULL;
  g_autoptr(AllotAgency) dup = allot_agency_new ();
  g_autoptr(AllotAgency) blank = allot_agency_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;

  agency->code = g_strdup ("HSEMA");
  agency->name = g_strdup ("Homeland Security and Emergency Management Agency");
  agency->level = ALLOT_AGENCY_STATE;
  agency->ori = g_strdup ("DC0010000");
  g_assert_true (allot_store_add_agency (fx->store, agency, &error));
  g_assert_no_error (error);
  g_assert_cmpint (agency->id, >, 0);
  g_assert_cmpint (agency->version, ==, 1);

  read = allot_store_lookup_agency (fx->store, agency->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, agency->id);
  g_assert_cmpstr (read->code, ==, "HSEMA");
  g_assert_cmpstr (read->name, ==, "Homeland Security and Emergency Management Agency");
  g_assert_cmpint (read->level, ==, ALLOT_AGENCY_STATE);
  g_assert_cmpstr (read->ori, ==, "DC0010000");
  g_assert_cmpint (read->version, ==, 1);
  g_clear_pointer (&read, allot_agency_free);

  read = allot_store_lookup_agency_by_code (fx->store, "HSEMA", &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, agency->id);
  g_clear_pointer (&read, allot_agency_free);

  list = allot_store_list_agencies (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);

  /* Update: every field changes, the ORI is removed. */
  stale = allot_store_lookup_agency (fx->store, agency->id, &error);
  g_assert_no_error (error);
  g_free (agency->code);
  agency->code = g_strdup ("HSEMA-DC");
  g_free (agency->name);
  agency->name = g_strdup ("DC HSEMA");
  agency->level = ALLOT_AGENCY_LOCAL;
  g_clear_pointer (&agency->ori, g_free);
  g_assert_true (allot_store_update_agency (fx->store, agency, &error));
  g_assert_no_error (error);
  g_assert_cmpint (agency->version, ==, 2);
  read = allot_store_lookup_agency (fx->store, agency->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->code, ==, "HSEMA-DC");
  g_assert_cmpstr (read->name, ==, "DC HSEMA");
  g_assert_cmpint (read->level, ==, ALLOT_AGENCY_LOCAL);
  g_assert_null (read->ori);
  g_assert_cmpint (read->version, ==, 2);
  g_clear_pointer (&read, allot_agency_free);

  /* Someone else's copy, still at version 1. */
  g_free (stale->name);
  stale->name = g_strdup ("Overwritten");
  before = snapshot (fx);
  ok = allot_store_update_agency (fx->store, stale, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONFLICT, "someone else", NULL);

  /* Duplicate code, on add and on update. */
  dup->code = g_strdup ("MPD");
  dup->name = g_strdup ("Another MPD");
  dup->level = ALLOT_AGENCY_LOCAL;
  before = snapshot (fx);
  ok = allot_store_add_agency (fx->store, dup, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "MPD", "already exists", NULL);
  g_assert_cmpint (dup->id, ==, 0);

  g_free (agency->code);
  agency->code = g_strdup ("FBI");
  before = snapshot (fx);
  ok = allot_store_update_agency (fx->store, agency, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "FBI", "already exists", NULL);
  g_free (agency->code);
  agency->code = g_strdup ("HSEMA-DC");

  /* Empty and blank names, empty code, overlong code. */
  blank->code = g_strdup ("NEW");
  blank->name = g_strdup ("");
  before = snapshot (fx);
  ok = allot_store_add_agency (fx->store, blank, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "name", NULL);

  g_free (blank->name);
  blank->name = g_strdup ("   ");
  before = snapshot (fx);
  ok = allot_store_add_agency (fx->store, blank, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "name", NULL);

  g_free (blank->name);
  blank->name = g_strdup ("A name");
  g_free (blank->code);
  blank->code = NULL;
  before = snapshot (fx);
  ok = allot_store_add_agency (fx->store, blank, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "code", NULL);

  blank->code = g_strnfill (33, 'X');
  before = snapshot (fx);
  ok = allot_store_add_agency (fx->store, blank, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "32", NULL);

  g_free (agency->name);
  agency->name = g_strdup ("");
  before = snapshot (fx);
  ok = allot_store_update_agency (fx->store, agency, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "name", NULL);

  /* An id that does not exist. */
  g_free (agency->name);
  agency->name = g_strdup ("Ghost");
  agency->id = 999;
  before = snapshot (fx);
  ok = allot_store_update_agency (fx->store, agency, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);

  read = allot_store_lookup_agency_by_code (fx->store, "NOPE", &error);
  g_assert_null (read);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
}

/* ---- task forces ---- */

static void
assert_members (const AllotTaskForce *tf,
                gint64                a,
                gint64                b)
{
  gboolean found_a = FALSE, found_b = FALSE;

  g_assert_cmpuint (tf->member_ids->len, ==, (a != 0) + (b != 0));
  for (guint i = 0; i < tf->member_ids->len; i++)
    {
      gint64 id = g_array_index (tf->member_ids, gint64, i);

      found_a |= id == a;
      found_b |= id == b;
    }
  g_assert_true (a == 0 || found_a);
  g_assert_true (b == 0 || found_b);
}

static void
test_task_force (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(AllotTaskForce) read = NULL;
  g_autoptr(AllotTaskForce) stale = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;
  gint64 ghost = 4242;

  tf->code = g_strdup ("HSI-BEST");
  tf->name = g_strdup ("Border Enforcement Security Task Force");
  tf->lead_agency_id = fx->dea;
  test_util_date (&tf->start_date, 2024, 10, 1);
  test_util_date (&tf->end_date, 2027, 9, 30);
  tf->immigration = TRUE;
  g_array_append_val (tf->member_ids, fx->mpd);
  g_array_append_val (tf->member_ids, fx->doc);
  g_assert_true (allot_store_add_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tf->id, >, 0);
  g_assert_cmpint (tf->version, ==, 1);

  read = allot_store_lookup_task_force (fx->store, tf->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->code, ==, "HSI-BEST");
  g_assert_cmpstr (read->name, ==, "Border Enforcement Security Task Force");
  g_assert_cmpint (read->lead_agency_id, ==, fx->dea);
  assert_date (&read->start_date, "2024-10-01");
  assert_date (&read->end_date, "2027-09-30");
  g_assert_true (read->immigration);
  g_assert_cmpint (read->version, ==, 1);
  assert_members (read, fx->mpd, fx->doc);
  g_clear_pointer (&read, allot_task_force_free);

  read = allot_store_lookup_task_force_by_code (fx->store, "HSI-BEST", &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, tf->id);
  g_clear_pointer (&read, allot_task_force_free);

  list = allot_store_list_task_forces (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);

  /* Update: open-ended, not immigration, DOC leaves, the DEA's own agents join. */
  stale = allot_store_lookup_task_force (fx->store, tf->id, &error);
  g_assert_no_error (error);
  g_free (tf->name);
  tf->name = g_strdup ("BEST");
  tf->lead_agency_id = fx->fbi;
  g_date_clear (&tf->end_date, 1);
  tf->immigration = FALSE;
  g_array_set_size (tf->member_ids, 0);
  g_array_append_val (tf->member_ids, fx->mpd);
  g_array_append_val (tf->member_ids, fx->dea);
  g_assert_true (allot_store_update_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tf->version, ==, 2);
  read = allot_store_lookup_task_force (fx->store, tf->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "BEST");
  g_assert_cmpint (read->lead_agency_id, ==, fx->fbi);
  assert_date (&read->end_date, NULL);
  g_assert_false (read->immigration);
  g_assert_cmpint (read->version, ==, 2);
  assert_members (read, fx->mpd, fx->dea);
  g_clear_pointer (&read, allot_task_force_free);

  /* Stale copy. */
  before = snapshot (fx);
  ok = allot_store_update_task_force (fx->store, stale, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONFLICT, NULL);

  /* A member that does not exist: the whole update is refused. */
  g_array_append_val (tf->member_ids, ghost);
  before = snapshot (fx);
  ok = allot_store_update_task_force (fx->store, tf, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, "4242", NULL);
  g_array_set_size (tf->member_ids, 1);

  /* ... and the whole add. */
  {
    g_autoptr(AllotTaskForce) other = allot_task_force_new ();

    other->code = g_strdup ("JTTF");
    other->name = g_strdup ("Joint Terrorism Task Force");
    other->lead_agency_id = fx->fbi;
    test_util_date (&other->start_date, 2024, 1, 1);
    g_array_append_val (other->member_ids, ghost);
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
    g_assert_cmpint (other->id, ==, 0);

    /* Lead agency not federal. */
    g_array_set_size (other->member_ids, 0);
    other->lead_agency_id = fx->mpd;
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "federal", "MPD", NULL);

    /* End before start. */
    other->lead_agency_id = fx->fbi;
    test_util_date (&other->end_date, 2023, 12, 31);
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "2023-12-31", "2024-01-01",
                   NULL);

    /* Empty name. */
    g_date_clear (&other->end_date, 1);
    g_free (other->name);
    other->name = g_strdup ("");
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "name", NULL);

    /* Duplicate code. */
    g_free (other->name);
    other->name = g_strdup ("Another");
    g_free (other->code);
    other->code = g_strdup ("SSTF");
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "SSTF", NULL);
    g_assert_cmpint (other->id, ==, 0);

    /* No start date. */
    g_free (other->code);
    other->code = g_strdup ("JTTF");
    g_date_clear (&other->start_date, 1);
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);

    /* Lead agency missing. */
    test_util_date (&other->start_date, 2024, 1, 1);
    other->lead_agency_id = 0;
    before = snapshot (fx);
    ok = allot_store_add_task_force (fx->store, other, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  }

  /* Duplicate code through an update. */
  g_free (tf->code);
  tf->code = g_strdup ("HIDTA");
  before = snapshot (fx);
  ok = allot_store_update_task_force (fx->store, tf, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "HIDTA", NULL);
}

/* ---- categories ---- */

static void
test_category (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(AllotCategory) read = NULL;
  g_autoptr(AllotCategory) stale = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;

  category->code = g_strdup ("TRAVEL");
  category->name = g_strdup ("Travel");
  category->sf424a_line = 'c';
  g_assert_true (allot_store_add_category (fx->store, category, &error));
  g_assert_no_error (error);
  g_assert_cmpint (category->version, ==, 1);

  read = allot_store_lookup_category_by_code (fx->store, "TRAVEL", &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, category->id);
  g_assert_cmpstr (read->name, ==, "Travel");
  g_assert_cmpint (read->sf424a_line, ==, 'c');
  g_assert_cmpint (read->version, ==, 1);
  g_clear_pointer (&read, allot_category_free);

  stale = allot_store_lookup_category_by_code (fx->store, "TRAVEL", &error);
  g_assert_no_error (error);
  g_free (category->name);
  category->name = g_strdup ("Travel and per diem");
  category->sf424a_line = 'h';
  g_assert_true (allot_store_update_category (fx->store, category, &error));
  g_assert_no_error (error);
  g_assert_cmpint (category->version, ==, 2);
  read = allot_store_lookup_category_by_code (fx->store, "TRAVEL", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Travel and per diem");
  g_assert_cmpint (read->sf424a_line, ==, 'h');
  g_assert_cmpint (read->version, ==, 2);

  list = allot_store_list_categories (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);

  before = snapshot (fx);
  ok = allot_store_update_category (fx->store, stale, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONFLICT, NULL);

  category->sf424a_line = 'i';
  before = snapshot (fx);
  ok = allot_store_update_category (fx->store, category, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "SF-424A", NULL);
  category->sf424a_line = 'c';

  {
    g_autoptr(AllotCategory) dup = allot_category_new ();

    dup->code = g_strdup ("PERS");
    dup->name = g_strdup ("Personnel again");
    before = snapshot (fx);
    ok = allot_store_add_category (fx->store, dup, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "PERS", NULL);

    g_free (dup->code);
    dup->code = g_strdup ("FRINGE");
    g_free (dup->name);
    dup->name = g_strdup (" ");
    before = snapshot (fx);
    ok = allot_store_add_category (fx->store, dup, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "name", NULL);
  }
}

/* ---- sources ---- */

static AllotSource *
new_full_grant (Fixture *fx)
{
  AllotSource *source = allot_source_new (ALLOT_SOURCE_GRANT);
  AllotGrantFields *g = &source->u.grant;

  source->code = g_strdup ("JAG-FY25");
  source->name = g_strdup ("Edward Byrne Memorial JAG FY2025");
  source->agency_id = fx->bja;
  source->closed = FALSE;
  source->immigration = TRUE;
  source->notes = g_strdup ("Local solicitation");
  g->award_number = g_strdup ("15PBJA-25-GG-01234-JAGX");
  g->assistance_listing = g_strdup ("16.738");
  g->award_amount = 123456789;  /* 1,234,567.89 */
  set_date (&g->pop_start, "2024-10-01");
  set_date (&g->pop_end, "2028-09-30");
  g->match_required = 2500000;
  g->indirect_rate_type = g_strdup ("de_minimis");
  g->indirect_rate_bp = 1500;
  g->indirect_base = g_strdup ("MTDC");
  g->uniform_guidance = g_strdup ("2024");
  g->reporting_frequency = g_strdup ("semiannual");
  return source;
}

static void
test_source_grant (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(AllotSource) grant = new_full_grant (fx);
  g_autoptr(AllotSource) read = NULL;
  g_autoptr(AllotSource) stale = NULL;
  g_autoptr(AllotSource) plain = allot_source_new (ALLOT_SOURCE_GRANT);
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;
  gint64 authorized = 0;

  g_assert_true (allot_store_add_source (fx->store, grant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (grant->id, >, 0);
  g_assert_cmpint (grant->version, ==, 1);

  read = allot_store_lookup_source (fx->store, grant->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, grant->id);
  g_assert_cmpstr (read->code, ==, "JAG-FY25");
  g_assert_cmpstr (read->name, ==, "Edward Byrne Memorial JAG FY2025");
  g_assert_cmpint (read->kind, ==, ALLOT_SOURCE_GRANT);
  g_assert_cmpint (read->agency_id, ==, fx->bja);
  g_assert_false (read->closed);
  g_assert_true (read->immigration);
  g_assert_cmpstr (read->notes, ==, "Local solicitation");
  g_assert_cmpint (read->version, ==, 1);
  g_assert_cmpstr (read->u.grant.award_number, ==, "15PBJA-25-GG-01234-JAGX");
  g_assert_cmpstr (read->u.grant.assistance_listing, ==, "16.738");
  g_assert_cmpint (read->u.grant.award_amount, ==, 123456789);
  assert_date (&read->u.grant.pop_start, "2024-10-01");
  assert_date (&read->u.grant.pop_end, "2028-09-30");
  g_assert_cmpint (read->u.grant.match_required, ==, 2500000);
  g_assert_cmpstr (read->u.grant.indirect_rate_type, ==, "de_minimis");
  g_assert_cmpuint (read->u.grant.indirect_rate_bp, ==, 1500);
  g_assert_cmpstr (read->u.grant.indirect_base, ==, "MTDC");
  g_assert_cmpstr (read->u.grant.uniform_guidance, ==, "2024");
  g_assert_cmpstr (read->u.grant.reporting_frequency, ==, "semiannual");
  g_clear_pointer (&read, allot_source_free);

  g_assert_true (allot_store_source_authorized (fx->store, grant->id, &authorized, &error));
  g_assert_no_error (error);
  g_assert_cmpint (authorized, ==, 123456789);

  /* Defaults: an award that starts before 2024-10-01 follows the 2014 text. */
  plain->code = g_strdup ("HIDTA-FY24");
  plain->name = g_strdup ("HIDTA 2024");
  plain->u.grant.award_number = g_strdup ("G24WB0001A");
  plain->u.grant.assistance_listing = g_strdup ("95.001");
  plain->u.grant.award_amount = 5000000;
  set_date (&plain->u.grant.pop_start, "2024-01-01");
  set_date (&plain->u.grant.pop_end, "2025-12-31");
  g_assert_true (allot_store_add_source (fx->store, plain, &error));
  g_assert_no_error (error);
  read = allot_store_lookup_source_by_code (fx->store, "HIDTA-FY24", &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->agency_id, ==, 0);
  g_assert_null (read->notes);
  g_assert_false (read->immigration);
  g_assert_cmpstr (read->u.grant.uniform_guidance, ==, "2014");
  g_assert_cmpstr (read->u.grant.reporting_frequency, ==, "quarterly");
  g_assert_cmpstr (read->u.grant.indirect_rate_type, ==, "none");
  g_assert_cmpuint (read->u.grant.indirect_rate_bp, ==, 0);
  g_assert_null (read->u.grant.indirect_base);
  g_assert_cmpint (read->u.grant.match_required, ==, 0);
  g_clear_pointer (&read, allot_source_free);

  /* Update every field but the award amount. */
  stale = allot_store_lookup_source (fx->store, grant->id, &error);
  g_assert_no_error (error);
  g_free (grant->code);
  grant->code = g_strdup ("JAG-25");
  g_free (grant->name);
  grant->name = g_strdup ("JAG 2025");
  grant->agency_id = fx->fbi;
  grant->immigration = FALSE;
  g_clear_pointer (&grant->notes, g_free);
  g_free (grant->u.grant.award_number);
  grant->u.grant.award_number = g_strdup ("15PBJA-25-GG-09999-JAGX");
  g_free (grant->u.grant.assistance_listing);
  grant->u.grant.assistance_listing = g_strdup ("16.739");
  set_date (&grant->u.grant.pop_start, "2024-11-01");
  set_date (&grant->u.grant.pop_end, "2027-09-30");
  grant->u.grant.match_required = 0;
  g_free (grant->u.grant.indirect_rate_type);
  grant->u.grant.indirect_rate_type = g_strdup ("provisional");
  grant->u.grant.indirect_rate_bp = 1234;
  g_free (grant->u.grant.indirect_base);
  grant->u.grant.indirect_base = g_strdup ("salaries");
  g_free (grant->u.grant.uniform_guidance);
  grant->u.grant.uniform_guidance = g_strdup ("2014");
  g_free (grant->u.grant.reporting_frequency);
  grant->u.grant.reporting_frequency = g_strdup ("annual");
  g_assert_true (allot_store_update_source (fx->store, grant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (grant->version, ==, 2);

  read = allot_store_lookup_source (fx->store, grant->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->code, ==, "JAG-25");
  g_assert_cmpstr (read->name, ==, "JAG 2025");
  g_assert_cmpint (read->agency_id, ==, fx->fbi);
  g_assert_false (read->immigration);
  g_assert_null (read->notes);
  g_assert_cmpint (read->version, ==, 2);
  g_assert_cmpstr (read->u.grant.award_number, ==, "15PBJA-25-GG-09999-JAGX");
  g_assert_cmpstr (read->u.grant.assistance_listing, ==, "16.739");
  g_assert_cmpint (read->u.grant.award_amount, ==, 123456789);
  assert_date (&read->u.grant.pop_start, "2024-11-01");
  assert_date (&read->u.grant.pop_end, "2027-09-30");
  g_assert_cmpint (read->u.grant.match_required, ==, 0);
  g_assert_cmpstr (read->u.grant.indirect_rate_type, ==, "provisional");
  g_assert_cmpuint (read->u.grant.indirect_rate_bp, ==, 1234);
  g_assert_cmpstr (read->u.grant.indirect_base, ==, "salaries");
  g_assert_cmpstr (read->u.grant.uniform_guidance, ==, "2014");
  g_assert_cmpstr (read->u.grant.reporting_frequency, ==, "annual");
  g_clear_pointer (&read, allot_source_free);

  /* Stale version. */
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, stale, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONFLICT, NULL);

  /* The award amount only changes through an amendment. */
  grant->u.grant.award_amount = 200000000;
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, grant, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "amendment", NULL);
  grant->u.grant.award_amount = 123456789;

  /* The kind never changes. */
  {
    g_autoptr(AllotSource) other_kind = allot_source_new (ALLOT_SOURCE_FORFEITURE);

    other_kind->id = grant->id;
    other_kind->version = grant->version;
    other_kind->code = g_strdup ("JAG-25");
    other_kind->name = g_strdup ("JAG 2025");
    before = snapshot (fx);
    ok = allot_store_update_source (fx->store, other_kind, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  }

  /* Invalid fields, on add. */
  {
    g_autoptr(AllotSource) bad = new_full_grant (fx);

    g_free (bad->code);
    bad->code = g_strdup ("NEW");
    g_free (bad->u.grant.award_number);
    bad->u.grant.award_number = g_strdup ("NEW-AWARD");

    g_free (bad->u.grant.assistance_listing);
    bad->u.grant.assistance_listing = g_strdup ("16738");
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "16738", NULL);
    g_assert_cmpint (bad->id, ==, 0);
    g_free (bad->u.grant.assistance_listing);
    bad->u.grant.assistance_listing = g_strdup ("16.738");

    set_date (&bad->u.grant.pop_end, "2024-09-30");
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "2024-09-30", "2024-10-01",
                   NULL);
    set_date (&bad->u.grant.pop_end, "2028-09-30");

    g_free (bad->name);
    bad->name = g_strdup ("");
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "name", NULL);
    g_free (bad->name);
    bad->name = g_strdup ("New grant");

    bad->u.grant.award_amount = -1;
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "-0.01", NULL);
    bad->u.grant.award_amount = 100;

    bad->u.grant.indirect_rate_bp = 10001;
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "100.01%", NULL);
    bad->u.grant.indirect_rate_bp = 1000;

    g_free (bad->u.grant.reporting_frequency);
    bad->u.grant.reporting_frequency = g_strdup ("monthly");
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "monthly", NULL);
    g_free (bad->u.grant.reporting_frequency);
    bad->u.grant.reporting_frequency = g_strdup ("annual");

    bad->agency_id = 9999;
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
    bad->agency_id = 0;

    /* Duplicate source code, then duplicate award number. */
    g_free (bad->code);
    bad->code = g_strdup ("JAG-25");
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-25", NULL);
    g_assert_cmpint (bad->id, ==, 0);

    g_free (bad->code);
    bad->code = g_strdup ("NEW");
    g_free (bad->u.grant.award_number);
    bad->u.grant.award_number = g_strdup ("G24WB0001A");
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "G24WB0001A", NULL);
    g_assert_cmpint (bad->id, ==, 0);

    /* Now it is fine. */
    g_free (bad->u.grant.award_number);
    bad->u.grant.award_number = g_strdup ("NEW-AWARD");
    g_assert_true (allot_store_add_source (fx->store, bad, &error));
    g_assert_no_error (error);
  }

  /* The period of performance (now FY2025 .. FY2027) cannot shrink so that an
   * allocation falls outside it. */
  test_util_add_allocation (fx->store, grant->id, fx->tf, fx->pers, 2027, 1000,
                            ALLOT_STATUS_APPROVED);
  set_date (&grant->u.grant.pop_end, "2026-09-30");
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, grant, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-25", "FY2027", NULL);
  set_date (&grant->u.grant.pop_start, "2025-10-01");
  set_date (&grant->u.grant.pop_end, "2027-09-30");
  g_assert_true (allot_store_update_source (fx->store, grant, &error));
  g_assert_no_error (error);
  set_date (&grant->u.grant.pop_start, "2024-11-01");

  /* Duplicate award number through an update. */
  g_free (grant->u.grant.award_number);
  grant->u.grant.award_number = g_strdup ("G24WB0001A");
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, grant, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "G24WB0001A", NULL);
}

static void
test_source_appropriation (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_APPROPRIATION);
  g_autoptr(AllotSource) read = NULL;
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;

  source->code = g_strdup ("MPD-LOCAL-26");
  source->name = g_strdup ("MPD local funds FY2026");
  source->agency_id = fx->mpd;
  source->notes = g_strdup ("Budget act section 12");
  source->u.appropriation.fund_code = g_strdup ("0100");
  source->u.appropriation.program_code = g_strdup ("FA0-4100");
  source->u.appropriation.fiscal_year = 2026;
  source->u.appropriation.amount = 75000000;
  set_date (&source->u.appropriation.lapse_date, "2026-09-30");
  g_assert_true (allot_store_add_source (fx->store, source, &error));
  g_assert_no_error (error);

  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, ALLOT_SOURCE_APPROPRIATION);
  g_assert_cmpstr (read->code, ==, "MPD-LOCAL-26");
  g_assert_cmpstr (read->name, ==, "MPD local funds FY2026");
  g_assert_cmpint (read->agency_id, ==, fx->mpd);
  g_assert_cmpstr (read->notes, ==, "Budget act section 12");
  g_assert_false (read->closed);
  g_assert_cmpstr (read->u.appropriation.fund_code, ==, "0100");
  g_assert_cmpstr (read->u.appropriation.program_code, ==, "FA0-4100");
  g_assert_cmpint (read->u.appropriation.fiscal_year, ==, 2026);
  g_assert_cmpint (read->u.appropriation.amount, ==, 75000000);
  assert_date (&read->u.appropriation.lapse_date, "2026-09-30");
  g_clear_pointer (&read, allot_source_free);

  /* 500,000.00 of the 750,000.00 allocated. */
  test_util_add_allocation (fx->store, source->id, fx->tf, fx->pers, 2026, 50000000,
                            ALLOT_STATUS_APPROVED);

  /* Update: the amount may change, but not below what is allocated. */
  g_free (source->u.appropriation.fund_code);
  source->u.appropriation.fund_code = g_strdup ("0101");
  g_free (source->u.appropriation.program_code);
  source->u.appropriation.program_code = g_strdup ("FA0-4200");
  source->u.appropriation.amount = 60000000;
  set_date (&source->u.appropriation.lapse_date, "2027-09-30");
  g_assert_true (allot_store_update_source (fx->store, source, &error));
  g_assert_no_error (error);
  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->u.appropriation.fund_code, ==, "0101");
  g_assert_cmpstr (read->u.appropriation.program_code, ==, "FA0-4200");
  g_assert_cmpint (read->u.appropriation.amount, ==, 60000000);
  assert_date (&read->u.appropriation.lapse_date, "2027-09-30");
  g_assert_cmpint (read->version, ==, 2);
  g_clear_pointer (&read, allot_source_free);

  source->u.appropriation.amount = 49999999;
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "MPD-LOCAL-26", "500000.00",
                 "499999.99", NULL);
  source->u.appropriation.amount = 60000000;

  source->u.appropriation.fiscal_year = 1850;
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "1850", NULL);
  source->u.appropriation.fiscal_year = 2026;

  g_free (source->u.appropriation.fund_code);
  source->u.appropriation.fund_code = g_strdup ("");
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Fund code", NULL);
  g_free (source->u.appropriation.fund_code);
  source->u.appropriation.fund_code = g_strdup ("0101");

  /* Its allocations are in FY2026: it cannot become an FY2027 appropriation. */
  source->u.appropriation.fiscal_year = 2027;
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "MPD-LOCAL-26", "FY2026",
                 NULL);
  source->u.appropriation.fiscal_year = 2026;

  g_date_clear (&source->u.appropriation.lapse_date, 1);
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Lapse date", NULL);
  set_date (&source->u.appropriation.lapse_date, "2027-09-30");

  /* Closing it works, and a closed source takes no new allocation. */
  source->closed = TRUE;
  g_assert_true (allot_store_update_source (fx->store, source, &error));
  g_assert_no_error (error);
  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_true (read->closed);
  {
    g_autoptr(AllotAllocation) allocation = allot_allocation_new ();

    allocation->source_id = source->id;
    allocation->task_force_id = fx->tf;
    allocation->category_id = fx->equip;
    allocation->fiscal_year = 2026;
    allocation->amount = 100;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, allocation, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "closed", NULL);
  }
}

static void
test_source_agreement (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_AGREEMENT);
  g_autoptr(AllotSource) read = NULL;
  g_autoptr(AllotSource) dup = NULL;
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;

  source->code = g_strdup ("FBI-SS-MOU");
  source->name = g_strdup ("Safe Streets overtime MOU");
  source->agency_id = fx->mpd;
  source->u.agreement.agreement_number = g_strdup ("MOU-2025-017");
  source->u.agreement.partner_agency_id = fx->fbi;
  set_date (&source->u.agreement.term_start, "2024-10-01");
  set_date (&source->u.agreement.term_end, "2025-09-30");
  source->u.agreement.reimbursement_terms = g_strdup ("Overtime up to 21,740.50 per officer");
  g_assert_true (allot_store_add_source (fx->store, source, &error));
  g_assert_no_error (error);

  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, ALLOT_SOURCE_AGREEMENT);
  g_assert_cmpstr (read->code, ==, "FBI-SS-MOU");
  g_assert_cmpstr (read->name, ==, "Safe Streets overtime MOU");
  g_assert_cmpint (read->agency_id, ==, fx->mpd);
  g_assert_cmpstr (read->u.agreement.agreement_number, ==, "MOU-2025-017");
  g_assert_cmpint (read->u.agreement.partner_agency_id, ==, fx->fbi);
  assert_date (&read->u.agreement.term_start, "2024-10-01");
  assert_date (&read->u.agreement.term_end, "2025-09-30");
  g_assert_cmpstr (read->u.agreement.reimbursement_terms, ==,
                   "Overtime up to 21,740.50 per officer");
  g_clear_pointer (&read, allot_source_free);

  g_free (source->u.agreement.agreement_number);
  source->u.agreement.agreement_number = g_strdup ("MOU-2025-017A");
  source->u.agreement.partner_agency_id = fx->dea;
  set_date (&source->u.agreement.term_end, "2026-09-30");
  g_clear_pointer (&source->u.agreement.reimbursement_terms, g_free);
  g_assert_true (allot_store_update_source (fx->store, source, &error));
  g_assert_no_error (error);
  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->u.agreement.agreement_number, ==, "MOU-2025-017A");
  g_assert_cmpint (read->u.agreement.partner_agency_id, ==, fx->dea);
  assert_date (&read->u.agreement.term_start, "2024-10-01");
  assert_date (&read->u.agreement.term_end, "2026-09-30");
  g_assert_null (read->u.agreement.reimbursement_terms);
  g_assert_cmpint (read->version, ==, 2);
  g_clear_pointer (&read, allot_source_free);

  /* Refusals: term end before start, no partner, a duplicate agreement number. */
  set_date (&source->u.agreement.term_end, "2024-09-30");
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "2024-09-30", NULL);
  set_date (&source->u.agreement.term_end, "2026-09-30");

  source->u.agreement.partner_agency_id = 0;
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Partner", NULL);
  source->u.agreement.partner_agency_id = fx->dea;

  /* An allocation in FY2026 holds the term (FY2025 .. FY2026) open. */
  test_util_add_contribution (fx->store, source->id, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 1000,
                              "Cash");
  test_util_add_allocation (fx->store, source->id, fx->tf, fx->pers, 2026, 1000,
                            ALLOT_STATUS_APPROVED);
  set_date (&source->u.agreement.term_end, "2025-09-30");
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "FBI-SS-MOU", "FY2026", NULL);
  set_date (&source->u.agreement.term_end, "2026-09-30");

  dup = allot_source_new (ALLOT_SOURCE_AGREEMENT);
  dup->code = g_strdup ("OTHER-MOU");
  dup->name = g_strdup ("Other MOU");
  dup->u.agreement.agreement_number = g_strdup ("MOU-2025-017A");
  dup->u.agreement.partner_agency_id = fx->fbi;
  set_date (&dup->u.agreement.term_start, "2024-10-01");
  set_date (&dup->u.agreement.term_end, "2025-09-30");
  before = snapshot (fx);
  ok = allot_store_add_source (fx->store, dup, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "MOU-2025-017A", NULL);
  g_assert_cmpint (dup->id, ==, 0);
}

static void
test_source_forfeiture (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_FORFEITURE);
  g_autoptr(AllotSource) read = NULL;
  g_autoptr(GError) error = NULL;
  char *before;
  gboolean ok;

  source->code = g_strdup ("ES-TREAS");
  source->name = g_strdup ("Treasury equitable sharing");
  source->agency_id = fx->mpd;
  source->u.forfeiture.program = ALLOT_FORFEITURE_TREASURY;
  g_assert_true (allot_store_add_source (fx->store, source, &error));
  g_assert_no_error (error);

  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, ALLOT_SOURCE_FORFEITURE);
  g_assert_cmpstr (read->code, ==, "ES-TREAS");
  g_assert_cmpint (read->agency_id, ==, fx->mpd);
  g_assert_cmpint (read->u.forfeiture.program, ==, ALLOT_FORFEITURE_TREASURY);
  g_clear_pointer (&read, allot_source_free);

  g_free (source->name);
  source->name = g_strdup ("Treasury Forfeiture Fund sharing");
  g_assert_true (allot_store_update_source (fx->store, source, &error));
  g_assert_no_error (error);
  read = allot_store_lookup_source (fx->store, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Treasury Forfeiture Fund sharing");
  g_assert_cmpint (read->u.forfeiture.program, ==, ALLOT_FORFEITURE_TREASURY);
  g_clear_pointer (&read, allot_source_free);

  /* DOJ, Treasury and state money are never commingled. */
  source->u.forfeiture.program = ALLOT_FORFEITURE_DOJ;
  before = snapshot (fx);
  ok = allot_store_update_source (fx->store, source, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "ES-TREAS", "commingled", NULL);

  {
    g_autoptr(AllotSource) bad = allot_source_new (ALLOT_SOURCE_FORFEITURE);

    bad->code = g_strdup ("ES-BAD");
    bad->name = g_strdup ("Bad program");
    bad->u.forfeiture.program = (AllotForfeitureProgram) 7;
    before = snapshot (fx);
    ok = allot_store_add_source (fx->store, bad, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  }

  {
    g_autoptr(GPtrArray) sources = allot_store_list_sources (fx->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sources->len, ==, 1);
  }
}

/* ---- amendments, receipts, contributions, drawdowns ---- */

static void
test_amendments (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();
  gint64 grant, approp, first, second;
  gint64 authorized = 0;
  char *before;
  gboolean ok;
  AllotDb *raw;

  /* 100,000.00 awarded. */
  grant = test_util_add_grant (fx->store, "JAG-FY25", "AWARD-1", 10000000, "2024-10-01",
                               "2026-09-30");
  allot_store_set_user (fx->store, "budget.officer");
  first = test_util_add_amendment (fx->store, grant, "2025-02-01", 2000000, "Supplement");
  second = test_util_add_amendment (fx->store, grant, "2025-03-01", -500000, "Rescission");

  list = allot_store_list_amendments (fx->store, grant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    AllotAmendment *a = list->pdata[0];
    AllotAmendment *b = list->pdata[1];

    g_assert_cmpint (a->id, ==, first);
    g_assert_cmpint (a->source_id, ==, grant);
    assert_date (&a->effective_date, "2025-02-01");
    g_assert_cmpint (a->amount, ==, 2000000);
    g_assert_cmpstr (a->description, ==, "Supplement");
    g_assert_cmpstr (a->entered_by, ==, "budget.officer");
    g_assert_cmpint (b->id, ==, second);
    g_assert_cmpint (b->amount, ==, -500000);
    g_assert_cmpstr (b->description, ==, "Rescission");
  }
  /* 100,000.00 + 20,000.00 - 5,000.00 */
  g_assert_true (allot_store_source_authorized (fx->store, grant, &authorized, &error));
  g_assert_cmpint (authorized, ==, 11500000);

  /* Allocate 110,000.00; a cut of 6,000.00 would leave 109,000.00 authorized. */
  test_util_add_allocation (fx->store, grant, fx->tf, fx->pers, 2025, 11000000,
                            ALLOT_STATUS_APPROVED);
  amendment->source_id = grant;
  set_date (&amendment->effective_date, "2025-04-01");
  amendment->amount = -600000;
  amendment->description = g_strdup ("Second rescission");
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-FY25", "110000.00",
                 "109000.00", NULL);
  g_assert_cmpint (amendment->id, ==, 0);

  /* A cut to below zero (115,000.00 - 200,000.00). */
  amendment->amount = -20000000;
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-FY25", "negative", NULL);

  /* Zero, no description, no date, not a grant. */
  amendment->amount = 0;
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  amendment->amount = 100;

  g_free (amendment->description);
  amendment->description = g_strdup (" ");
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Description", NULL);
  g_free (amendment->description);
  amendment->description = g_strdup ("Small supplement");

  g_date_clear (&amendment->effective_date, 1);
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  set_date (&amendment->effective_date, "2025-04-01");

  approp = test_util_add_appropriation (fx->store, "LOCAL-25", 2025, 100000);
  amendment->source_id = approp;
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "LOCAL-25", NULL);

  amendment->source_id = 31337;
  before = snapshot (fx);
  ok = allot_store_add_amendment (fx->store, amendment, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);

  /* Append-only in the database itself, whoever writes to the file. */
  for (int with_user = 0; with_user <= 1; with_user++)
    {
      g_autofree char *msg = NULL;

      raw = test_util_open_raw (fx->path, with_user);
      before = snapshot (fx);
      msg = test_util_exec_expect_failure (raw, "UPDATE amendments SET amount = 99999999");
      g_test_message ("raw UPDATE (allot_user %s): %s", with_user ? "registered" : "missing",
                      msg);
      if (with_user)
        g_assert_nonnull (strstr (msg, "append-only"));
      g_clear_pointer (&msg, g_free);
      msg = test_util_exec_expect_failure (raw, "DELETE FROM amendments");
      g_assert_nonnull (strstr (msg, "append-only"));
      g_clear_pointer (&msg, g_free);
      msg = test_util_exec_expect_failure (raw, "DELETE FROM amendments WHERE amount < 0");
      g_assert_nonnull (strstr (msg, "append-only"));
      allot_db_close (raw);
      test_util_assert_unchanged (fx->path, before);
      g_free (before);
    }
}

static void
test_receipts (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();
  gint64 fund, grant, sharing, interest, authorized = 0;
  char *before;
  gboolean ok;

  fund = test_util_add_forfeiture (fx->store, "ES-DOJ", ALLOT_FORFEITURE_DOJ);
  grant = test_util_add_grant (fx->store, "JAG", "AWARD-1", 100000, "2024-10-01", "2025-09-30");

  receipt->source_id = fund;
  receipt->kind = ALLOT_RECEIPT_SHARING;
  set_date (&receipt->received_date, "2025-03-14");
  receipt->amount = 4567801;
  receipt->case_number = g_strdup ("CATS 25-DEA-123456");
  receipt->description = g_strdup ("Vehicle and cash, Case A");
  g_assert_true (allot_store_add_receipt (fx->store, receipt, &error));
  g_assert_no_error (error);
  sharing = receipt->id;
  interest = test_util_add_receipt (fx->store, fund, ALLOT_RECEIPT_INTEREST, "2025-03-31", 1234,
                                    NULL);

  list = allot_store_list_receipts (fx->store, fund, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    AllotReceipt *a = list->pdata[0];
    AllotReceipt *b = list->pdata[1];

    g_assert_cmpint (a->id, ==, sharing);
    g_assert_cmpint (a->source_id, ==, fund);
    g_assert_cmpint (a->kind, ==, ALLOT_RECEIPT_SHARING);
    assert_date (&a->received_date, "2025-03-14");
    g_assert_cmpint (a->amount, ==, 4567801);
    g_assert_cmpstr (a->case_number, ==, "CATS 25-DEA-123456");
    g_assert_cmpstr (a->description, ==, "Vehicle and cash, Case A");
    g_assert_false (a->voided);
    g_assert_cmpint (b->id, ==, interest);
    g_assert_cmpint (b->kind, ==, ALLOT_RECEIPT_INTEREST);
    g_assert_null (b->case_number);
    g_assert_cmpint (b->amount, ==, 1234);
  }
  /* 45,678.01 + 12.34 */
  g_assert_true (allot_store_source_authorized (fx->store, fund, &authorized, &error));
  g_assert_cmpint (authorized, ==, 4569035);

  /* Refusals: no case number for sharing, zero amount, no date, not a forfeiture fund. */
  g_clear_pointer (&receipt->case_number, g_free);
  receipt->id = 0;
  before = snapshot (fx);
  ok = allot_store_add_receipt (fx->store, receipt, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Case number", NULL);
  receipt->case_number = g_strdup ("C-2");

  receipt->amount = 0;
  before = snapshot (fx);
  ok = allot_store_add_receipt (fx->store, receipt, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  receipt->amount = -5;
  before = snapshot (fx);
  ok = allot_store_add_receipt (fx->store, receipt, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  receipt->amount = 500;

  g_date_clear (&receipt->received_date, 1);
  before = snapshot (fx);
  ok = allot_store_add_receipt (fx->store, receipt, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  set_date (&receipt->received_date, "2025-04-01");

  receipt->source_id = grant;
  before = snapshot (fx);
  ok = allot_store_add_receipt (fx->store, receipt, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "JAG", NULL);

  /* Receipts are never deleted. */
  {
    g_autofree char *msg = NULL;
    AllotDb *raw = test_util_open_raw (fx->path, TRUE);

    before = snapshot (fx);
    msg = test_util_exec_expect_failure (raw, "DELETE FROM receipts");
    g_assert_nonnull (strstr (msg, "voided, never deleted"));
    allot_db_close (raw);
    test_util_assert_unchanged (fx->path, before);
    g_free (before);
  }
}

static void
test_contributions (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AllotContribution) contribution = allot_contribution_new ();
  gint64 mou, fund, cash, authorized = 0;
  char *before;
  gboolean ok;

  mou = test_util_add_agreement (fx->store, "SS-MOU", "MOU-1", fx->fbi, "2024-10-01",
                                 "2026-09-30");
  fund = test_util_add_forfeiture (fx->store, "ES-DOJ", ALLOT_FORFEITURE_DOJ);

  contribution->source_id = mou;
  contribution->side = ALLOT_SIDE_PARTNER;
  contribution->form = ALLOT_FORM_CASH;
  contribution->description = g_strdup ("Overtime reimbursement");
  contribution->valuation = 2174050;
  contribution->task_force_id = fx->tf;
  g_assert_true (allot_store_add_contribution (fx->store, contribution, &error));
  g_assert_no_error (error);
  cash = contribution->id;
  test_util_add_contribution (fx->store, mou, ALLOT_SIDE_PARTNER, ALLOT_FORM_IN_KIND, 4500000,
                              "Two leased vehicles");
  test_util_add_contribution (fx->store, mou, ALLOT_SIDE_JURISDICTION, ALLOT_FORM_CASH, 100000,
                              "Our share of fuel");

  list = allot_store_list_contributions (fx->store, mou, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      AllotContribution *c = list->pdata[i];

      g_assert_cmpint (c->source_id, ==, mou);
      g_assert_false (c->voided);
      if (c->id == cash)
        {
          g_assert_cmpint (c->side, ==, ALLOT_SIDE_PARTNER);
          g_assert_cmpint (c->form, ==, ALLOT_FORM_CASH);
          g_assert_cmpstr (c->description, ==, "Overtime reimbursement");
          g_assert_cmpint (c->valuation, ==, 2174050);
          g_assert_cmpint (c->task_force_id, ==, fx->tf);
        }
      else if (c->form == ALLOT_FORM_IN_KIND)
        {
          g_assert_cmpint (c->side, ==, ALLOT_SIDE_PARTNER);
          g_assert_cmpint (c->valuation, ==, 4500000);
          g_assert_cmpint (c->task_force_id, ==, 0);
          g_assert_cmpstr (c->description, ==, "Two leased vehicles");
        }
      else
        {
          g_assert_cmpint (c->side, ==, ALLOT_SIDE_JURISDICTION);
          g_assert_cmpint (c->form, ==, ALLOT_FORM_CASH);
          g_assert_cmpint (c->valuation, ==, 100000);
        }
    }
  /* Only the partner's cash: 21,740.50. */
  g_assert_true (allot_store_source_authorized (fx->store, mou, &authorized, &error));
  g_assert_cmpint (authorized, ==, 2174050);

  contribution->source_id = fund;
  before = snapshot (fx);
  ok = allot_store_add_contribution (fx->store, contribution, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "ES-DOJ", NULL);
  contribution->source_id = mou;

  contribution->task_force_id = 777;
  before = snapshot (fx);
  ok = allot_store_add_contribution (fx->store, contribution, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
  contribution->task_force_id = 0;

  contribution->valuation = 0;
  before = snapshot (fx);
  ok = allot_store_add_contribution (fx->store, contribution, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  contribution->valuation = 100;

  g_free (contribution->description);
  contribution->description = NULL;
  before = snapshot (fx);
  ok = allot_store_add_contribution (fx->store, contribution, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Description", NULL);
}

static void
test_drawdowns (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AllotDrawdown) drawdown = allot_drawdown_new ();
  gint64 grant, approp, first;
  char *before;
  gboolean ok;

  grant = test_util_add_grant (fx->store, "JAG", "AWARD-1", 10000000, "2024-10-01",
                               "2025-09-30");
  approp = test_util_add_appropriation (fx->store, "LOCAL", 2025, 100000);

  drawdown->source_id = grant;
  set_date (&drawdown->received_date, "2025-01-10");
  drawdown->amount = 2500000;
  drawdown->reference = g_strdup ("ASAP-0001");
  g_assert_true (allot_store_add_drawdown (fx->store, drawdown, &error));
  g_assert_no_error (error);
  first = drawdown->id;

  drawdown->id = 0;
  set_date (&drawdown->received_date, "2025-02-10");
  drawdown->amount = -12345;
  g_free (drawdown->reference);
  drawdown->reference = g_strdup ("ASAP-0002 return");
  g_assert_true (allot_store_add_drawdown (fx->store, drawdown, &error));
  g_assert_no_error (error);

  list = allot_store_list_drawdowns (fx->store, grant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    AllotDrawdown *a = list->pdata[0];
    AllotDrawdown *b = list->pdata[1];

    g_assert_cmpint (a->id, ==, first);
    g_assert_cmpint (a->source_id, ==, grant);
    assert_date (&a->received_date, "2025-01-10");
    g_assert_cmpint (a->amount, ==, 2500000);
    g_assert_cmpstr (a->reference, ==, "ASAP-0001");
    g_assert_false (a->voided);
    g_assert_cmpint (b->id, ==, drawdown->id);
    assert_date (&b->received_date, "2025-02-10");
    g_assert_cmpint (b->amount, ==, -12345);
    g_assert_cmpstr (b->reference, ==, "ASAP-0002 return");
  }

  drawdown->amount = 0;
  before = snapshot (fx);
  ok = allot_store_add_drawdown (fx->store, drawdown, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  drawdown->amount = 100;

  g_free (drawdown->reference);
  drawdown->reference = g_strdup ("");
  before = snapshot (fx);
  ok = allot_store_add_drawdown (fx->store, drawdown, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Reference", NULL);
  g_free (drawdown->reference);
  drawdown->reference = g_strdup ("ASAP-0003");

  drawdown->source_id = approp;
  before = snapshot (fx);
  ok = allot_store_add_drawdown (fx->store, drawdown, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "LOCAL", NULL);
}

/* ---- allocations ---- */

static void
test_allocations (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autoptr(AllotAllocation) read = NULL;
  g_autoptr(AllotAllocation) stale = NULL;
  g_autoptr(AllotAllocation) other = allot_allocation_new ();
  g_autoptr(GPtrArray) list = NULL;
  gint64 jag, approp, mou, fund, first, second;
  char *before;
  gboolean ok;

  /* 1,000.00 awarded, FY2025 .. FY2026. */
  jag = test_util_add_grant (fx->store, "JAG-FY25", "AWARD-1", 100000, "2024-10-01",
                             "2026-09-30");
  approp = test_util_add_appropriation (fx->store, "LOCAL-26", 2026, 500000);
  mou = test_util_add_agreement (fx->store, "SS-MOU", "MOU-1", fx->fbi, "2025-01-01",
                                 "2025-12-31");
  test_util_add_contribution (fx->store, mou, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 300000,
                              "Overtime");
  fund = test_util_add_forfeiture (fx->store, "ES-DOJ", ALLOT_FORFEITURE_DOJ);
  test_util_add_receipt (fx->store, fund, ALLOT_RECEIPT_SHARING, "2025-01-05", 200000, "C-1");

  allocation->source_id = jag;
  allocation->task_force_id = fx->tf;
  allocation->category_id = fx->pers;
  allocation->fiscal_year = 2025;
  allocation->amount = 50000;
  allocation->description = g_strdup ("Overtime for FY2025");
  /* Nobody enters an allocation already approved. */
  allocation->status = ALLOT_STATUS_APPROVED;
  before = snapshot (fx);
  ok = allot_store_add_allocation (fx->store, allocation, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "approved", NULL);
  allocation->status = ALLOT_STATUS_DRAFT;
  g_assert_true (allot_store_add_allocation (fx->store, allocation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (allocation->id, >, 0);
  g_assert_cmpint (allocation->version, ==, 1);
  first = allocation->id;

  read = allot_store_lookup_allocation (fx->store, allocation->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->source_id, ==, jag);
  g_assert_cmpint (read->task_force_id, ==, fx->tf);
  g_assert_cmpint (read->category_id, ==, fx->pers);
  g_assert_cmpint (read->fiscal_year, ==, 2025);
  g_assert_cmpint (read->amount, ==, 50000);
  g_assert_cmpstr (read->description, ==, "Overtime for FY2025");
  g_assert_cmpint (read->status, ==, ALLOT_STATUS_DRAFT);
  g_assert_false (read->voided);
  g_assert_cmpint (read->version, ==, 1);
  g_clear_pointer (&read, allot_allocation_free);

  /* Over-allocation: 500.00 of 1,000.00 is still free and 600.00 is asked
   * (pending allocations count against the source too). */
  other->source_id = jag;
  other->task_force_id = fx->tf2;
  other->category_id = fx->equip;
  other->fiscal_year = 2026;
  other->amount = 60000;
  before = snapshot (fx);
  ok = allot_store_add_allocation (fx->store, other, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-FY25", "600.00", "500.00",
                 NULL);
  g_assert_cmpint (other->id, ==, 0);

  /* Exactly what is free is fine (pending allocations count too). */
  other->amount = 50000;
  other->status = ALLOT_STATUS_SUBMITTED;
  g_assert_true (allot_store_add_allocation (fx->store, other, &error));
  g_assert_no_error (error);
  second = other->id;

  /* Nothing left at all. */
  {
    g_autoptr(AllotAllocation) third = allot_allocation_new ();

    third->source_id = jag;
    third->task_force_id = fx->tf2;
    third->category_id = fx->pers;
    third->fiscal_year = 2026;
    third->amount = 1;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, third, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-FY25", "0.01", "0.00",
                   NULL);
  }

  /* A draft can be changed. */
  stale = allot_store_lookup_allocation (fx->store, allocation->id, &error);
  g_assert_no_error (error);
  g_free (allocation->description);
  allocation->description = g_strdup ("Overtime, revised");
  allocation->amount = 40000;
  g_assert_true (allot_store_update_allocation (fx->store, allocation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (allocation->version, ==, 2);
  read = allot_store_lookup_allocation (fx->store, allocation->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->status, ==, ALLOT_STATUS_DRAFT);
  g_assert_cmpstr (read->description, ==, "Overtime, revised");
  g_assert_cmpint (read->amount, ==, 40000);
  g_assert_cmpint (read->version, ==, 2);
  g_clear_pointer (&read, allot_allocation_free);

  before = snapshot (fx);
  ok = allot_store_update_allocation (fx->store, stale, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONFLICT, NULL);

  /* Over-allocation through an update: 1,000.00 - 500.00 of the second one
   * = 500.00 free for this one, 500.01 asked. */
  allocation->amount = 50001;
  before = snapshot (fx);
  ok = allot_store_update_allocation (fx->store, allocation, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-FY25", "500.01", "500.00",
                 NULL);

  /* Under review it cannot change; returned, it can again; approved, never. */
  g_assert_true (allot_store_submit_allocation (fx->store, allocation->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&allocation, allot_allocation_free);
  allocation = allot_store_lookup_allocation (fx->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (allocation->status, ==, ALLOT_STATUS_SUBMITTED);
  allocation->amount = 45000;
  before = snapshot (fx);
  ok = allot_store_update_allocation (fx->store, allocation, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "review", NULL);

  allot_store_set_user (fx->store, TEST_UTIL_REVIEWER);
  g_assert_true (allot_store_return_allocation (fx->store, first, "Split by quarter", &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, "officer1");
  g_clear_pointer (&allocation, allot_allocation_free);
  allocation = allot_store_lookup_allocation (fx->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (allocation->status, ==, ALLOT_STATUS_RETURNED);
  allocation->amount = 45000;
  g_assert_true (allot_store_update_allocation (fx->store, allocation, &error));
  g_assert_no_error (error);

  test_util_approve_allocation (fx->store, first);
  g_clear_pointer (&allocation, allot_allocation_free);
  allocation = allot_store_lookup_allocation (fx->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (allocation->status, ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (allocation->amount, ==, 45000);
  allocation->amount = 40000;
  before = snapshot (fx);
  ok = allot_store_update_allocation (fx->store, allocation, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "approved", NULL);

  /* The same source, task force, category and year twice. */
  {
    g_autoptr(AllotAllocation) dup = allot_allocation_new ();

    dup->source_id = jag;
    dup->task_force_id = fx->tf;
    dup->category_id = fx->pers;
    dup->fiscal_year = 2025;
    dup->amount = 100;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, dup, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "already has", NULL);
    g_assert_cmpint (dup->id, ==, 0);
  }

  /* Appropriation: only its own fiscal year. */
  {
    g_autoptr(AllotAllocation) a = allot_allocation_new ();

    a->source_id = approp;
    a->task_force_id = fx->tf;
    a->category_id = fx->pers;
    a->fiscal_year = 2025;
    a->amount = 1000;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "LOCAL-26", "FY2026",
                   "FY2025", NULL);
    a->fiscal_year = 2026;
    g_assert_true (allot_store_add_allocation (fx->store, a, &error));
    g_assert_no_error (error);

    /* Moving it to another year through an update is refused as well. */
    a->fiscal_year = 2027;
    before = snapshot (fx);
    ok = allot_store_update_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "LOCAL-26", NULL);
  }

  /* Grant: only the fiscal years of its period of performance (FY2025..FY2026). */
  {
    g_autoptr(AllotAllocation) a = allot_allocation_new ();

    a->source_id = jag;
    a->task_force_id = fx->tf2;
    a->category_id = fx->pers;
    a->amount = 100;
    a->fiscal_year = 2027;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "JAG-FY25", "FY2025",
                   "FY2026", "FY2027", NULL);
    a->fiscal_year = 2024;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "FY2024", NULL);

    /* Agreement 2025-01-01 .. 2025-12-31: FY2025 .. FY2026. */
    a->source_id = mou;
    a->fiscal_year = 2027;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "SS-MOU", NULL);
    a->fiscal_year = 2026;
    g_assert_true (allot_store_add_allocation (fx->store, a, &error));
    g_assert_no_error (error);

    /* Forfeiture fund: any year, but not beyond its receipts (2,000.00). */
    g_clear_pointer (&a, allot_allocation_free);
    a = allot_allocation_new ();
    a->source_id = fund;
    a->task_force_id = fx->tf2;
    a->category_id = fx->equip;
    a->fiscal_year = 2030;
    a->amount = 200001;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "ES-DOJ", "2000.01",
                   "2000.00", NULL);
    a->amount = 200000;
    g_assert_true (allot_store_add_allocation (fx->store, a, &error));
    g_assert_no_error (error);

    /* Invalid fields and records that do not exist. */
    g_clear_pointer (&a, allot_allocation_free);
    a = allot_allocation_new ();
    a->source_id = approp;
    a->task_force_id = fx->tf2;
    a->category_id = fx->equip;
    a->fiscal_year = 1800;
    a->amount = 1;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "1800", NULL);
    a->fiscal_year = 2026;
    a->amount = -100;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
    a->amount = 100;
    a->category_id = 999;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
    a->category_id = fx->equip;
    a->task_force_id = 999;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
    a->task_force_id = fx->tf2;
    a->source_id = 999;
    before = snapshot (fx);
    ok = allot_store_add_allocation (fx->store, a, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
  }

  list = allot_store_list_allocations (fx->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = allot_store_list_allocations (fx->store, 2026, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = allot_store_list_allocations (fx->store, 0, jag, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((AllotAllocation *) list->pdata[0])->id, ==, allocation->id);
  g_assert_cmpint (((AllotAllocation *) list->pdata[1])->id, ==, second);
}

/* Fiscal years follow the jurisdiction's start month. */
static void
test_allocation_fiscal_year_start (Fixture       *fx,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) a = allot_allocation_new ();
  gint64 grant;
  char *before;
  gboolean ok;

  before = snapshot (fx);
  ok = allot_store_set_fy_start_month (fx->store, 13, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "13", NULL);
  g_assert_cmpuint (allot_store_get_fy_start_month (fx->store), ==, 10);

  /* July start: 2024-07-01 .. 2025-06-30 is FY2025 alone (with an October
   * start it would span FY2024 and FY2025). */
  g_assert_true (allot_store_set_fy_start_month (fx->store, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (allot_store_get_fy_start_month (fx->store), ==, 7);
  grant = test_util_add_grant (fx->store, "JAG", "AWARD-1", 100000, "2024-07-01", "2025-06-30");
  a->source_id = grant;
  a->task_force_id = fx->tf;
  a->category_id = fx->pers;
  a->amount = 100;
  a->fiscal_year = 2024;
  before = snapshot (fx);
  ok = allot_store_add_allocation (fx->store, a, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "FY2025 to FY2025", "FY2024",
                 NULL);
  a->fiscal_year = 2026;
  before = snapshot (fx);
  ok = allot_store_add_allocation (fx->store, a, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "FY2026", NULL);
  a->fiscal_year = 2025;
  g_assert_true (allot_store_add_allocation (fx->store, a, &error));
  g_assert_no_error (error);
}

/* ---- ledger ---- */

typedef struct {
  gint64 grant;
  gint64 allocation;
  gint64 other_allocation;
} Ledger;

static void
ledger_set_up (Fixture *fx,
               Ledger  *l)
{
  /* 100,000.00, FY2025 .. FY2026; 50,000.00 + 10,000.00 allocated. */
  l->grant = test_util_add_grant (fx->store, "JAG-FY25", "AWARD-1", 10000000, "2024-10-01",
                                  "2026-09-30");
  l->allocation = test_util_add_allocation (fx->store, l->grant, fx->tf, fx->pers, 2025,
                                            5000000, ALLOT_STATUS_APPROVED);
  l->other_allocation = test_util_add_allocation (fx->store, l->grant, fx->tf2, fx->equip, 2025,
                                                  1000000, ALLOT_STATUS_APPROVED);
}

static void
test_ledger_round_trip (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autoptr(AllotLedgerEntry) read = NULL;
  g_autoptr(AllotLedgerEntry) stale = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AllotLedgerFilter filter;
  Ledger l;
  gint64 obligation;
  char *before;
  gboolean ok;

  ledger_set_up (fx, &l);
  allot_store_set_user (fx->store, "clerk");
  obligation = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_OBLIGATION, 1000000,
                                    "2024-11-01", 0, "PO-100", ALLOT_STATUS_APPROVED);

  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_EXPENDITURE, 250075, "2024-12-01",
                               obligation, "INV-100");
  set_date (&entry->paid_date, "2024-12-20");
  g_free (entry->payee);
  entry->payee = g_strdup ("Acme Radios, Inc.");
  g_free (entry->description);
  entry->description = g_strdup ("Portable radios, “first” batch");
  entry->immigration = TRUE;
  /* Nobody enters an entry already approved. */
  entry->status = ALLOT_STATUS_APPROVED;
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "approved", NULL);
  entry->status = ALLOT_STATUS_DRAFT;
  g_assert_true (allot_store_add_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry->id, >, 0);
  g_assert_cmpint (entry->version, ==, 1);
  g_assert_cmpstr (entry->entered_by, ==, "clerk");

  read = allot_store_lookup_entry (fx->store, entry->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, entry->id);
  g_assert_cmpint (read->allocation_id, ==, l.allocation);
  g_assert_cmpint (read->kind, ==, ALLOT_ENTRY_EXPENDITURE);
  g_assert_cmpint (read->amount, ==, 250075);
  assert_date (&read->entry_date, "2024-12-01");
  assert_date (&read->paid_date, "2024-12-20");
  g_assert_cmpint (read->obligation_id, ==, obligation);
  g_assert_cmpstr (read->document_number, ==, "INV-100");
  g_assert_cmpstr (read->payee, ==, "Acme Radios, Inc.");
  g_assert_cmpstr (read->description, ==, "Portable radios, “first” batch");
  g_assert_cmpint (read->status, ==, ALLOT_STATUS_DRAFT);
  g_assert_true (read->immigration);
  g_assert_cmpstr (read->entered_by, ==, "clerk");
  g_assert_nonnull (read->entered_at);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$",
                                       read->entered_at, 0, 0));
  g_assert_false (read->voided);
  g_assert_null (read->void_reason);
  g_assert_cmpint (read->version, ==, 1);
  g_clear_pointer (&read, allot_ledger_entry_free);

  /* An obligation: no paid date, no obligation. */
  read = allot_store_lookup_entry (fx->store, obligation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, ALLOT_ENTRY_OBLIGATION);
  assert_date (&read->paid_date, NULL);
  g_assert_cmpint (read->obligation_id, ==, 0);
  g_assert_cmpint (read->status, ==, ALLOT_STATUS_APPROVED);
  g_assert_false (read->immigration);
  g_clear_pointer (&read, allot_ledger_entry_free);

  /* Update every field a person edits. */
  stale = allot_store_lookup_entry (fx->store, entry->id, &error);
  g_assert_no_error (error);
  entry->amount = 300000;
  set_date (&entry->entry_date, "2024-12-02");
  g_date_clear (&entry->paid_date, 1);
  entry->obligation_id = 0;
  g_free (entry->document_number);
  entry->document_number = g_strdup ("INV-100A");
  g_free (entry->payee);
  entry->payee = g_strdup ("Acme");
  g_free (entry->description);
  entry->description = g_strdup ("Radios");
  entry->immigration = FALSE;
  g_assert_true (allot_store_update_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry->version, ==, 2);
  read = allot_store_lookup_entry (fx->store, entry->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->amount, ==, 300000);
  assert_date (&read->entry_date, "2024-12-02");
  assert_date (&read->paid_date, NULL);
  g_assert_cmpint (read->obligation_id, ==, 0);
  g_assert_cmpstr (read->document_number, ==, "INV-100A");
  g_assert_cmpstr (read->payee, ==, "Acme");
  g_assert_cmpstr (read->description, ==, "Radios");
  g_assert_false (read->immigration);
  g_assert_cmpint (read->version, ==, 2);
  g_assert_cmpstr (read->entered_by, ==, "clerk");
  g_clear_pointer (&read, allot_ledger_entry_free);

  /* Someone else's copy. */
  before = snapshot (fx);
  ok = allot_store_update_entry (fx->store, stale, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONFLICT, NULL);

  /* The kind cannot change. */
  entry->kind = ALLOT_ENTRY_OBLIGATION;
  before = snapshot (fx);
  ok = allot_store_update_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "INV-100A", NULL);
  entry->kind = ALLOT_ENTRY_EXPENDITURE;

  /* Listing with filters. */
  allot_ledger_filter_init (&filter);
  list = allot_store_list_ledger (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.kind = ALLOT_ENTRY_EXPENDITURE;
  list = allot_store_list_ledger (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  allot_ledger_filter_init (&filter);
  filter.search = "acme";
  list = allot_store_list_ledger (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((AllotLedgerEntry *) list->pdata[0])->id, ==, entry->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Under review it cannot change, approved neither: it can only be voided. */
  g_assert_true (allot_store_submit_entry (fx->store, entry->id, &error));
  g_assert_no_error (error);
  entry->version = 3;
  before = snapshot (fx);
  ok = allot_store_update_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "review", NULL);
  test_util_approve_entry (fx->store, entry->id);
  entry->version = 4;
  before = snapshot (fx);
  ok = allot_store_update_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "approved", NULL);

  /* Voiding keeps it, with the reason; a voided entry cannot be edited. */
  g_assert_true (allot_store_void_entry (fx->store, entry->id, "Entered twice", &error));
  g_assert_no_error (error);
  read = allot_store_lookup_entry (fx->store, entry->id, &error);
  g_assert_no_error (error);
  g_assert_true (read->voided);
  g_assert_cmpstr (read->void_reason, ==, "Entered twice");
  g_assert_cmpint (read->status, ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (read->version, ==, 5);
  g_clear_pointer (&read, allot_ledger_entry_free);

  allot_ledger_filter_init (&filter);
  list = allot_store_list_ledger (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.include_voided = TRUE;
  list = allot_store_list_ledger (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  entry->version = 5;
  before = snapshot (fx);
  ok = allot_store_update_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "voided", NULL);
}

static void
test_ledger_refusals (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  Ledger l;
  gint64 obligation, expenditure, increase, other_obligation, direct;
  gint64 po6, po7, po8, inv7, inv8;
  char *before;
  gboolean ok;

  ledger_set_up (fx, &l);
  /* PO-1: 10,000.00 obligated; INV-1 pays 4,000.00 of it: 6,000.00 open. */
  obligation = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_OBLIGATION, 1000000,
                                    "2024-11-01", 0, "PO-1", ALLOT_STATUS_APPROVED);
  expenditure = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_EXPENDITURE, 400000,
                                     "2024-11-20", obligation, "INV-1", ALLOT_STATUS_APPROVED);
  other_obligation = test_util_add_entry (fx->store, l.other_allocation, ALLOT_ENTRY_OBLIGATION,
                                          50000, "2024-11-02", 0, "PO-2",
                                          ALLOT_STATUS_APPROVED);
  direct = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_EXPENDITURE, 1000,
                                "2024-11-03", 0, "INV-9", ALLOT_STATUS_APPROVED);

  /* An expenditure of 6,000.01 against the 6,000.00 still open. */
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_EXPENDITURE, 600001, "2024-12-01",
                               obligation, "INV-2");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "6000.01", "6000.00", "PO-1",
                 NULL);
  g_assert_cmpint (entry->id, ==, 0);
  /* Exactly what is open is fine: the full liquidation. */
  entry->amount = 600000;
  g_assert_true (allot_store_add_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, allot_ledger_entry_free);

  /* Nothing open now: an upward adjustment of 500.00, then deobligating 500.01 is too much. */
  increase = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_ADJUSTMENT, 50000,
                                      "2024-12-05", obligation, "ADJ-1", ALLOT_STATUS_APPROVED);
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_ADJUSTMENT, -50001, "2024-12-06",
                               obligation, "DEOB-1");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "500.01", "500.00", "PO-1",
                 NULL);
  entry->amount = -50000;
  g_assert_true (allot_store_add_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, allot_ledger_entry_free);

  /* An expenditure cannot exceed a fully paid obligation even by a cent. */
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_EXPENDITURE, 1, "2024-12-07",
                               obligation, "INV-3");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "0.01", "0.00", NULL);

  /* The same rules hold when a draft is edited (approved entries cannot be).
   * PO-7: 100.00, approved, with INV-7, a draft paying 60.00 of it; PO-8, a
   * draft of 100.00, with INV-8, a draft paying 70.00 of it; PO-6, a draft of
   * 5.00 with nothing against it. */
  po7 = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_OBLIGATION, 10000,
                             "2024-12-10", 0, "PO-7", ALLOT_STATUS_APPROVED);
  inv7 = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_EXPENDITURE, 6000,
                              "2024-12-11", po7, "INV-7", ALLOT_STATUS_DRAFT);
  po8 = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_OBLIGATION, 10000,
                             "2024-12-12", 0, "PO-8", ALLOT_STATUS_DRAFT);
  inv8 = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_EXPENDITURE, 7000,
                              "2024-12-13", po8, "INV-8", ALLOT_STATUS_DRAFT);
  po6 = test_util_add_entry (fx->store, l.allocation, ALLOT_ENTRY_OBLIGATION, 500,
                             "2024-12-14", 0, "PO-6", ALLOT_STATUS_DRAFT);

  /* INV-7 raised past what PO-7 leaves open (100.00, INV-7 itself left out). */
  {
    g_autoptr(AllotLedgerEntry) inv = allot_store_lookup_entry (fx->store, inv7, &error);

    g_assert_no_error (error);
    inv->amount = 10001;
    before = snapshot (fx);
    ok = allot_store_update_entry (fx->store, inv, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "100.01", "100.00", "PO-7",
                   NULL);
    inv->amount = 10000;
    g_assert_true (allot_store_update_entry (fx->store, inv, &error));
    g_assert_no_error (error);
  }

  /* PO-8 cannot shrink below the 70.00 paid against it, nor move to another
   * allocation (its expenditures would liquidate across allocations); nor can
   * INV-8 move without it. */
  {
    g_autoptr(AllotLedgerEntry) po = allot_store_lookup_entry (fx->store, po8, &error);
    g_autoptr(AllotLedgerEntry) inv = allot_store_lookup_entry (fx->store, inv8, &error);

    g_assert_no_error (error);
    po->amount = 6999;
    before = snapshot (fx);
    ok = allot_store_update_entry (fx->store, po, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "PO-8", "70.00", NULL);
    po->amount = 10000;

    po->allocation_id = l.other_allocation;
    before = snapshot (fx);
    ok = allot_store_update_entry (fx->store, po, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "PO-8", NULL);

    inv->allocation_id = l.other_allocation;
    before = snapshot (fx);
    ok = allot_store_update_entry (fx->store, inv, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "PO-8", NULL);
  }

  /* PO-6, with nothing against it, may move. */
  {
    g_autoptr(AllotLedgerEntry) po = allot_store_lookup_entry (fx->store, po6, &error);

    g_assert_no_error (error);
    po->allocation_id = l.other_allocation;
    g_assert_true (allot_store_update_entry (fx->store, po, &error));
    g_assert_no_error (error);
    po->allocation_id = l.allocation;
    g_assert_true (allot_store_update_entry (fx->store, po, &error));
    g_assert_no_error (error);
  }

  /* Voiding an obligation with expenditures against it. */
  before = snapshot (fx);
  ok = allot_store_void_entry (fx->store, obligation, "Cancelled", &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "PO-1", NULL);

  /* Voiding twice. */
  g_assert_true (allot_store_void_entry (fx->store, direct, "Duplicate", &error));
  g_assert_no_error (error);
  before = snapshot (fx);
  ok = allot_store_void_entry (fx->store, direct, "Duplicate again", &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "INV-9", "already voided",
                 NULL);

  /* Voiding without a reason, or an entry that does not exist. */
  before = snapshot (fx);
  ok = allot_store_void_entry (fx->store, expenditure, "  ", &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  before = snapshot (fx);
  ok = allot_store_void_entry (fx->store, 123456, "Gone", &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);

  /* Taking back the upward adjustment would leave PO-1 paid beyond its amount. */
  before = snapshot (fx);
  ok = allot_store_void_entry (fx->store, increase, "Wrong", &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "ADJ-1", NULL);

  /* Duplicate document number of the same kind (a voided one may be reused). */
  g_clear_pointer (&entry, allot_ledger_entry_free);
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_OBLIGATION, 100, "2024-12-08", 0,
                               "PO-2");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "PO-2", NULL);
  g_assert_cmpint (entry->id, ==, 0);
  g_clear_pointer (&entry, allot_ledger_entry_free);
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_EXPENDITURE, 100, "2024-12-08", 0,
                               "INV-9");
  g_assert_true (allot_store_add_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, allot_ledger_entry_free);

  /* Duplicate through an update. */
  {
    g_autoptr(AllotLedgerEntry) po = allot_store_lookup_entry (fx->store, po6, &error);

    g_assert_no_error (error);
    g_free (po->document_number);
    po->document_number = g_strdup ("PO-1");
    before = snapshot (fx);
    ok = allot_store_update_entry (fx->store, po, &error);
    check_refused (fx, &before, ok, &error, ALLOT_ERROR_CONSTRAINT, "PO-1", NULL);
  }

  /* Liquidating an obligation of another allocation. */
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_EXPENDITURE, 100, "2024-12-08",
                               other_obligation, "INV-4");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "PO-2", NULL);

  /* Liquidating something that is not an obligation. */
  entry->obligation_id = expenditure;
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  entry->obligation_id = 0;

  /* Invalid fields. */
  entry->amount = 0;
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  entry->amount = -100;
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  entry->amount = 100;

  set_date (&entry->paid_date, "2024-12-01");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "2024-12-01", "2024-12-08", NULL);
  g_date_clear (&entry->paid_date, 1);

  g_free (entry->document_number);
  entry->document_number = g_strdup ("");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, "Document number", NULL);
  g_free (entry->document_number);
  entry->document_number = g_strdup ("INV-4");

  g_date_clear (&entry->entry_date, 1);
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  set_date (&entry->entry_date, "2024-12-08");

  entry->allocation_id = 5555;
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_NOT_FOUND, NULL);
  entry->allocation_id = l.allocation;
  g_clear_pointer (&entry, allot_ledger_entry_free);

  /* An obligation with a paid date, or liquidating another obligation. */
  entry = test_util_new_entry (l.allocation, ALLOT_ENTRY_OBLIGATION, 100, "2024-12-08", 0,
                               "PO-3");
  set_date (&entry->paid_date, "2024-12-09");
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);
  g_date_clear (&entry->paid_date, 1);
  entry->obligation_id = other_obligation;
  before = snapshot (fx);
  ok = allot_store_add_entry (fx->store, entry, &error);
  check_refused (fx, &before, ok, &error, ALLOT_ERROR_INVALID, NULL);

  /* The ledger refuses DELETE whoever asks, and never un-voids. */
  {
    g_autofree char *msg = NULL;
    AllotDb *raw = test_util_open_raw (fx->path, TRUE);

    before = snapshot (fx);
    msg = test_util_exec_expect_failure (raw, "DELETE FROM ledger_entries");
    g_assert_nonnull (strstr (msg, "never deleted"));
    g_clear_pointer (&msg, g_free);
    msg = test_util_exec_expect_failure (raw, "UPDATE ledger_entries SET voided = 0");
    g_assert_nonnull (strstr (msg, "stays voided"));
    g_clear_pointer (&msg, g_free);
    msg = test_util_exec_expect_failure (raw, "DELETE FROM allocations");
    g_assert_nonnull (strstr (msg, "never deleted"));
    allot_db_close (raw);
    test_util_assert_unchanged (fx->path, before);
    g_free (before);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/records/agency", test_agency);
  ADD ("/records/task-force", test_task_force);
  ADD ("/records/category", test_category);
  ADD ("/records/source/grant", test_source_grant);
  ADD ("/records/source/appropriation", test_source_appropriation);
  ADD ("/records/source/agreement", test_source_agreement);
  ADD ("/records/source/forfeiture", test_source_forfeiture);
  ADD ("/records/amendments", test_amendments);
  ADD ("/records/receipts", test_receipts);
  ADD ("/records/contributions", test_contributions);
  ADD ("/records/drawdowns", test_drawdowns);
  ADD ("/records/allocations", test_allocations);
  ADD ("/records/allocations/fiscal-year-start", test_allocation_fiscal_year_start);
  ADD ("/records/ledger/round-trip", test_ledger_round_trip);
  ADD ("/records/ledger/refusals", test_ledger_refusals);

#undef ADD

  return g_test_run ();
}
