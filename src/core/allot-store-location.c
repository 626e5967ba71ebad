/* allot-store-location.c: what a database location is (a file or a
 * PostgreSQL server) and how to show or remember it without its password.
 *
 * A location is what allot_store_open() takes: a file path, a libpq URI
 * (postgresql://user:password@host:port/dbname?param=value) or a libpq
 * conninfo ("host=h dbname=d password=p").  Passwords must never reach a
 * window title, a list of recent databases or an exported workbook, so the
 * password is cut out of the text as written (keeping every other part, in
 * its order, so the result still connects where a ~/.pgpass or another
 * authentication method supplies the password).
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "allot-db-private.h"
#include "allot-store.h"

gboolean
allot_store_location_is_server (const char *location)
{
  return allot_db_uri_is_postgres (location);
}

static gboolean
is_uri (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") ||
         g_str_has_prefix (location, "postgres://");
}

/* The URI without ":password" in its user part and without a "password"
 * parameter.  The user part ends where libpq's parser ends it: at the first
 * "@" before any "/". */
/* Whether the "key=value" @pair gives a password: the password itself, its
 * name percent-encoded in a URI (libpq decodes it), or a dbname holding a
 * whole connection string of its own (libpq expands it) that names one. */
static gboolean
leaks_password (const char *pair,
                gboolean    in_uri)
{
  const char *eq = strchr (pair, '=');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  key = eq != NULL ? g_strndup (pair, eq - pair) : g_strdup (pair);
  g_strstrip (key);
  if (in_uri)
    {
      char *decoded = g_uri_unescape_string (key, NULL);

      if (decoded != NULL)
        {
          g_free (key);
          key = decoded;
        }
    }
  if (g_ascii_strcasecmp (key, "password") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (key, "dbname") != 0 || eq == NULL)
    return FALSE;
  value = g_ascii_strdown (eq + 1, -1);
  return strstr (value, "password") != NULL || strstr (value, "%70") != NULL ||
         strstr (value, "://") != NULL;
}

static char *
strip_uri (const char *uri)
{
  const char *rest = strstr (uri, "://") + 3;
  const char *at = rest + strcspn (rest, "@/");
  const char *query;
  GString *out = g_string_new_len (uri, rest - uri);

  if (*at == '@')
    {
      const char *colon = memchr (rest, ':', at - rest);

      g_string_append_len (out, rest, (colon != NULL ? colon : at) - rest);
      rest = at;
    }
  query = strchr (rest, '?');
  if (query == NULL)
    {
      g_string_append (out, rest);
      return g_string_free (out, FALSE);
    }

  g_string_append_len (out, rest, query - rest);
  {
    g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);
    gboolean first = TRUE;

    for (guint i = 0; params[i] != NULL; i++)
      {
        if (*params[i] == '\0' || leaks_password (params[i], TRUE))
          continue;
        g_string_append_c (out, first ? '?' : '&');
        g_string_append (out, params[i]);
        first = FALSE;
      }
  }
  return g_string_free (out, FALSE);
}

/* The conninfo without its "password = value" pairs.  The grammar is
 * libpq's: key, optional spaces, "=", optional spaces, then a value in
 * single quotes or up to the next space, a backslash escaping any
 * character in both.  The other pairs are kept as written. */
static char *
strip_conninfo (const char *conninfo)
{
  GString *out = g_string_new (NULL);
  const char *p = conninfo;

  for (;;)
    {
      const char *key;
      const char *pair_end;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      key = p;
      while (*p != '\0' && *p != '=' && !g_ascii_isspace (*p))
        p++;
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '=')
        {
          /* Not a conninfo after all (libpq would refuse it): leave it be. */
          g_string_free (out, TRUE);
          return g_strdup (conninfo);
        }
      p++;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\'')
        {
          p++;
          while (*p != '\0' && *p != '\'')
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
          if (*p == '\'')
            p++;
        }
      else
        while (*p != '\0' && !g_ascii_isspace (*p))
          p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      pair_end = p;

      {
        g_autofree char *pair = g_strndup (key, pair_end - key);

        if (leaks_password (pair, FALSE))
          continue;
      }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, key, pair_end - key);
    }
  return g_string_free (out, FALSE);
}

char *
allot_store_location_strip_password (const char *location)
{
  g_return_val_if_fail (location != NULL, NULL);

  if (!allot_store_location_is_server (location))
    return g_strdup (location);
  if (is_uri (location))
    return strip_uri (location);
  return strip_conninfo (location);
}

char *
allot_store_location_display (const char *location)
{
  PQconninfoOption *options;
  const char *dbname = NULL, *host = NULL, *port = NULL, *user = NULL;
  g_autofree char *where = NULL;
  char *display;

  g_return_val_if_fail (location != NULL, NULL);

  if (!allot_store_location_is_server (location))
    return g_path_get_basename (location);

  options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return allot_store_location_strip_password (location);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = o->val != NULL && *o->val != '\0' ? o->val : NULL;

      if (g_str_equal (o->keyword, "dbname"))
        dbname = value;
      else if (g_str_equal (o->keyword, "host"))
        host = value;
      else if (g_str_equal (o->keyword, "port"))
        port = value;
      else if (g_str_equal (o->keyword, "user"))
        user = value;
    }
  /* A dbname that is a whole connection string of its own (libpq expands
   * it): that one is the database shown. */
  if (dbname != NULL && (strchr (dbname, '=') != NULL || strstr (dbname, "://") != NULL))
    {
      g_autofree char *inner = g_strdup (dbname);

      PQconninfoFree (options);
      return allot_store_location_display (inner);
    }
  /* libpq's defaults: the database named after the user, the user named
   * after the login; no host (or a socket folder) is this computer. */
  if (dbname == NULL)
    dbname = user != NULL ? user : g_get_user_name ();
  if (host == NULL || host[0] == '/' || host[0] == '@')
    host = "localhost";
  if (port != NULL && !g_str_equal (port, "5432"))
    where = g_strdup_printf ("%s:%s", host, port);
  else
    where = g_strdup (host);
  /* Translators: a PostgreSQL database and its server, as in
   * "budget on db.example.org" */
  display = g_strdup_printf (_("%s on %s"), dbname, where);
  PQconninfoFree (options);
  return display;
}
