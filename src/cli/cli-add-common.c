/* cli-add-common.c: what "allot-cli add" of every kind needs: optional
 * dates, codes looked up into ids, and the line that says what was added.
 * Shared by cli-add.c and cli-add-personnel.c. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "cli.h"

int
cli_optional_date (const char *option,
                   const char *text,
                   GDate      *out)
{
  g_date_clear (out, 1);
  return text == NULL ? CLI_OK : cli_date_option (option, text, out);
}

/* Each lookup prefixes a refusal with the option that named the code. */
#define LOOKUP(Type, lookup, store, option, code, out, error)        \
  G_STMT_START {                                                    \
    g_autoptr(Type) record_ = NULL;                                 \
    *(out) = 0;                                                     \
    if ((code) == NULL)                                             \
      return TRUE;                                                  \
    record_ = lookup ((store), (code), (error));                    \
    if (record_ == NULL)                                            \
      {                                                             \
        g_prefix_error ((error), "%s: ", (option));                 \
        return FALSE;                                               \
      }                                                             \
    *(out) = record_->id;                                           \
    return TRUE;                                                    \
  } G_STMT_END

gboolean
cli_lookup_agency (AllotStore *store,
                   const char *option,
                   const char *code,
                   gint64     *out,
                   GError    **error)
{
  LOOKUP (AllotAgency, allot_store_lookup_agency_by_code, store, option, code, out, error);
}

gboolean
cli_lookup_source (AllotStore *store,
                   const char *option,
                   const char *code,
                   gint64     *out,
                   GError    **error)
{
  LOOKUP (AllotSource, allot_store_lookup_source_by_code, store, option, code, out, error);
}

gboolean
cli_lookup_task_force (AllotStore *store,
                       const char *option,
                       const char *code,
                       gint64     *out,
                       GError    **error)
{
  LOOKUP (AllotTaskForce, allot_store_lookup_task_force_by_code, store, option, code, out,
          error);
}

int
cli_added (const char *what,
           gint64      id,
           const char *extra)
{
  if (extra != NULL)
    g_print (_("Added %s %" PRId64 " (%s).\n"), what, id, extra);
  else
    g_print (_("Added %s %" PRId64 ".\n"), what, id);
  return CLI_OK;
}
