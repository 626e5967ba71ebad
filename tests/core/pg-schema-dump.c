/* pg-schema-dump: prints PostgreSQL migration N (1-based) of
 * allot-schema-pg.c, or with no argument the number of migrations, so a
 * shell test can feed them to psql (no libpq binding in the test's tools). */
#include <stdio.h>
#include <stdlib.h>

#include "allot-schema-pg.h"

int
main (int    argc,
      char **argv)
{
  long n;
  char *end = NULL;

  if (argc < 2)
    {
      printf ("%u\n", allot_pg_n_migrations);
      return 0;
    }
  n = strtol (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || n < 1 || n > (long) allot_pg_n_migrations)
    {
      fprintf (stderr, "usage: %s [1..%u]\n", argv[0], allot_pg_n_migrations);
      return 2;
    }
  fputs (allot_pg_migrations[n - 1], stdout);
  return 0;
}
