/* test-store-location.c: telling a server from a file, cutting the password
 * out of a location, the short name people see, and the change marker that
 * moves with anyone's write (on the backend under test). */
#include <locale.h>

#include "test-util.h"

static void
test_is_server (void)
{
  g_assert_true (allot_store_location_is_server ("postgresql://db.example.org/budget"));
  g_assert_true (allot_store_location_is_server ("postgres://u@h/d"));
  g_assert_true (allot_store_location_is_server ("host=h dbname=d"));
  g_assert_false (allot_store_location_is_server ("/home/ana/budget.db"));
  g_assert_false (allot_store_location_is_server ("budget.db"));
  /* "=" in a file name does not make a conninfo: there is no known key. */
  g_assert_false (allot_store_location_is_server ("/tmp/a=b.db"));
  g_assert_false (allot_store_location_is_server (""));
}

static void
check_strip (const char *location,
             const char *expected)
{
  g_autofree char *stripped = allot_store_location_strip_password (location);

  g_assert_cmpstr (stripped, ==, expected);
}

static void
test_strip_password (void)
{
  /* URIs: the user part's ":password", and a "password" parameter. */
  check_strip ("postgresql://u:secret@h:5432/db", "postgresql://u@h:5432/db");
  check_strip ("postgresql://u:secret@h/db?sslmode=require", "postgresql://u@h/db?sslmode=require");
  check_strip ("postgresql://u@h/db?password=secret&sslmode=require",
               "postgresql://u@h/db?sslmode=require");
  check_strip ("postgresql://u@h/db?sslmode=require&password=secret",
               "postgresql://u@h/db?sslmode=require");
  check_strip ("postgresql://h/db?password=secret", "postgresql://h/db");
  check_strip ("postgres://ana:p%40ss@h1,h2/db", "postgres://ana@h1,h2/db");
  /* Nothing to cut: as written. */
  check_strip ("postgresql://h/db", "postgresql://h/db");
  check_strip ("postgresql://u@h:6543/db", "postgresql://u@h:6543/db");
  /* An "@" after the first "/" is not a user part (libpq reads it so). */
  check_strip ("postgresql://h/db?application_name=a@b", "postgresql://h/db?application_name=a@b");

  /* Conninfo: the pair goes, the others stay in their order. */
  check_strip ("host=h password=secret dbname=d", "host=h dbname=d");
  check_strip ("password=secret host=h dbname=d", "host=h dbname=d");
  check_strip ("host=h dbname=d password=secret", "host=h dbname=d");
  check_strip ("host=h password = 'a secret \\' with quote' dbname=d", "host=h dbname=d");
  check_strip ("host=h password=sec\\ ret dbname=d", "host=h dbname=d");
  check_strip ("host=h  dbname='my db'  user=ana", "host=h dbname='my db' user=ana");
  /* A key that merely ends in "password" is another key. */
  check_strip ("host=h passfile=/x/.pgpass dbname=d", "host=h passfile=/x/.pgpass dbname=d");

  /* Files are not touched, whatever they are called. */
  check_strip ("/home/ana/password=secret.db", "/home/ana/password=secret.db");
  check_strip ("/home/ana/u:secret@h.db", "/home/ana/u:secret@h.db");
  /* libpq decodes a URI's parameter names, and expands a dbname that is a
   * connection string of its own. */
  check_strip ("postgresql://u@h/db?pass%77ord=secret&sslmode=require",
               "postgresql://u@h/db?sslmode=require");
  check_strip ("host=h dbname='postgresql://u:secret@h/db2' user=u", "host=h user=u");
  check_strip ("host=h dbname='host=h2 password=secret dbname=d2' user=u", "host=h user=u");
}

static void
check_display (const char *location,
               const char *expected)
{
  g_autofree char *display = allot_store_location_display (location);

  g_assert_cmpstr (display, ==, expected);
  g_assert_null (strstr (display, "secret"));
}

static void
test_display (void)
{
  check_display ("postgresql://u:secret@h:5432/db", "db on h");
  check_display ("postgresql://u:secret@db.example.org:6543/budget", "budget on db.example.org:6543");
  check_display ("host=h password=secret dbname=d", "d on h");
  check_display ("host=h dbname='postgresql://u:secret@h2/db2' user=u", "db2 on h2");
  check_display ("host=/tmp/pg/socket port=5433 user=ana dbname=budget password=secret",
                 "budget on localhost:5433");
  /* No database named: libpq's default, the user's name. */
  check_display ("postgresql://ana:secret@h", "ana on h");
  check_display ("dbname=budget password=secret", "budget on localhost");
  check_display ("/home/ana/budget.db", "budget.db");
  check_display ("budget.db", "budget.db");
}

/* The marker moves with every write, by this connection or another one,
 * and stays put when nothing is written. */
static void
test_change_marker (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AllotStore *store = test_util_create_store (dir, "marker.db", &path);
  g_autoptr(AllotStore) other = NULL;
  gint64 start, after_own, after_other;

  start = allot_store_change_marker (store, &error);
  g_assert_no_error (error);
  /* test_util_create_store() wrote the users: audited. */
  g_assert_cmpint (start, >, 0);
  g_assert_cmpint (allot_store_change_marker (store, &error), ==, start);
  g_assert_no_error (error);

  /* The officer's first write also registers them in users: audited too. */
  test_util_add_agency (store, "MPD", "Metropolitan Police", ALLOT_AGENCY_LOCAL);
  after_own = allot_store_change_marker (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after_own, >, start);
  /* From then on, one record added is one audit record. */
  test_util_add_agency (store, "OCTO", "Chief Technology Officer", ALLOT_AGENCY_LOCAL);
  g_assert_cmpint (allot_store_change_marker (store, &error), ==, after_own + 1);
  g_assert_no_error (error);
  after_own++;

  other = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  allot_store_set_user (other, TEST_UTIL_OFFICER);
  test_util_add_agency (other, "FEMS", "Fire and EMS", ALLOT_AGENCY_LOCAL);
  test_util_add_agency (other, "DOC", "Corrections", ALLOT_AGENCY_LOCAL);
  after_other = allot_store_change_marker (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after_other, ==, after_own + 2);

  /* A refused write changes nothing, so the marker stays. */
  {
    g_autoptr(AllotAgency) duplicate = allot_agency_new ();

    duplicate->code = g_strdup ("MPD");
    duplicate->name = g_strdup ("Again");
    duplicate->level = ALLOT_AGENCY_LOCAL;
    g_assert_false (allot_store_add_agency (other, duplicate, NULL));
  }
  g_assert_cmpint (allot_store_change_marker (store, &error), ==, after_other);
  g_assert_no_error (error);

  g_clear_object (&other);
  test_util_close_store (&store, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-location/is-server", test_is_server);
  g_test_add_func ("/store-location/strip-password", test_strip_password);
  g_test_add_func ("/store-location/display", test_display);
  g_test_add_func ("/store-location/change-marker", test_change_marker);
  return g_test_run ();
}
