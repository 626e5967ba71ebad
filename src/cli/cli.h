/* cli.h: what the allot-cli commands share. */
#pragma once

#include <glib.h>

#include "allot-store.h"

G_BEGIN_DECLS

/* The command-line contract (DESIGN.md): 0 success, 1 input or data
 * refused (the reason on stderr, nothing written), 2 usage error. */
enum {
  CLI_OK = 0,
  CLI_REFUSED = 1,
  CLI_USAGE = 2,
};

typedef struct {
  const char *db_path;     /* --db, $ALLOT_DB or the default */
  const char *user;        /* --user, or NULL for the login name */
} CliGlobals;

typedef int (*CliCommandFunc) (const CliGlobals *globals, int argc, char **argv);

/* Commands: argv[0] is the command name. */
int cli_init      (const CliGlobals *globals, int argc, char **argv);
int cli_demo      (const CliGlobals *globals, int argc, char **argv);
int cli_list      (const CliGlobals *globals, int argc, char **argv);
int cli_add       (const CliGlobals *globals, int argc, char **argv);
int cli_void      (const CliGlobals *globals, int argc, char **argv);
int cli_balances  (const CliGlobals *globals, int argc, char **argv);
int cli_backup    (const CliGlobals *globals, int argc, char **argv);
int cli_migrate_to (const CliGlobals *globals, int argc, char **argv);
int cli_export    (const CliGlobals *globals, int argc, char **argv);
int cli_import    (const CliGlobals *globals, int argc, char **argv);
int cli_submit    (const CliGlobals *globals, int argc, char **argv);
int cli_approve   (const CliGlobals *globals, int argc, char **argv);
int cli_return    (const CliGlobals *globals, int argc, char **argv);
int cli_close_period  (const CliGlobals *globals, int argc, char **argv);
int cli_reopen_period (const CliGlobals *globals, int argc, char **argv);
int cli_users     (const CliGlobals *globals, int argc, char **argv);
int cli_audit     (const CliGlobals *globals, int argc, char **argv);
int cli_check     (const CliGlobals *globals, int argc, char **argv);
int cli_report    (const CliGlobals *globals, int argc, char **argv);

/* "add" of the task-force participation and SF-425 records
 * (cli-add-personnel.c); cli_add() hands these kinds over. */
gboolean cli_add_personnel_handles (const char *kind);
int      cli_add_personnel (const CliGlobals *globals, int argc, char **argv);

/* Opens the database named by @globals (creating it only with @create).
 * Prints the reason and returns NULL when it cannot. */
AllotStore *cli_open_store (const CliGlobals *globals, gboolean create);

/* Prints "allot-cli: MESSAGE" on stderr and returns CLI_REFUSED. */
int cli_refuse (const GError *error);

/* Prints a usage error with @context's help hint and returns CLI_USAGE. */
int cli_usage (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Parses @argc/@argv with @entries; on failure prints why and returns FALSE.
 * @summary is the command's one-line description for --help. */
gboolean cli_parse_options (const char   *parameter_string,
                            const char   *summary,
                            GOptionEntry *entries,
                            int          *argc,
                            char       ***argv);

/* Option values checked after parsing.  Each prints what is wrong and
 * returns CLI_USAGE when a required option is missing (@text NULL),
 * CLI_REFUSED when its value is not acceptable, CLI_OK otherwise. */
int cli_require_option (const char *option, const char *text);
int cli_money_option   (const char *option, const char *text, gint64 *out);
int cli_date_option    (const char *option, const char *text, GDate *out);
/* @year 0 counts as missing. */
int cli_fiscal_year_option (const char *option, int year);

/* ---- shared by the "add" commands (cli-add-common.c) ---- */

/* A date option that may be absent (then @out is cleared). */
int cli_optional_date (const char *option, const char *text, GDate *out);
/* The id of the record with code @code (0 when @code is NULL); a refusal
 * names @option. */
gboolean cli_lookup_agency     (AllotStore *store, const char *option, const char *code,
                                gint64 *out, GError **error);
gboolean cli_lookup_source     (AllotStore *store, const char *option, const char *code,
                                gint64 *out, GError **error);
gboolean cli_lookup_task_force (AllotStore *store, const char *option, const char *code,
                                gint64 *out, GError **error);
/* Prints "Added WHAT ID (EXTRA)." and returns CLI_OK. */
int cli_added (const char *what, gint64 id, const char *extra);

/* Returns from the calling function when @expr is not CLI_OK. */
#define CLI_TRY(expr) \
  G_STMT_START { int cli_try_status_ = (expr); \
                 if (cli_try_status_ != CLI_OK) return cli_try_status_; } G_STMT_END

/* ---- output ---- */

typedef struct _CliTable CliTable;

/* A table printed with aligned columns for people, or as CSV with @csv. */
CliTable *cli_table_new (gboolean csv, const char *const *headers);
/* Marks column @column as numeric: right-aligned for people. */
void      cli_table_set_numeric (CliTable *table, guint column);
/* Adds a row: exactly as many newly allocated strings as there are
 * headers, which the table takes. */
void      cli_table_add (CliTable *table, ...);
/* The currency of money cells for people ("USD" when never set). */
void      cli_table_set_currency (CliTable *table, const char *currency);
/* Money cell: formatted for people, plain "1234.56" in CSV. */
char     *cli_table_money (CliTable *table, gint64 cents);
void      cli_table_print (CliTable *table);
void      cli_table_free (CliTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliTable, cli_table_free)

G_END_DECLS
