/* allot-store-registry.c: agencies, task forces and cost categories. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-error.h"
#include "allot-store-private.h"
#include "allot-validate-private.h"

/* ---- agencies ---- */

static gboolean
validate_agency (const AllotAgency *agency,
                 GError           **error)
{
  return allot_require_text (_("Agency code"), agency->code, 32, error) &&
         allot_require_text (_("Agency name"), agency->name, 200, error);
}

gboolean
allot_store_add_agency (AllotStore  *self,
                        AllotAgency *agency,
                        GError     **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (agency != NULL, FALSE);

  if (!validate_agency (agency, error) || !allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO agencies (code, name, level, ori) VALUES (?1, ?2, ?3, ?4)", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_text (stmt, 1, agency->code, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 2, agency->name, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 3, allot_agency_level_to_string (agency->level), -1, ALLOT_BIND_STATIC);
      allot_db_bind_text_or_null (stmt, 4, agency->ori);
      ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
      if (!ok)
        allot_store_set_write_error (self, error, _("Agency"), agency->code);
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  agency->id = allot_db_last_insert_id (self->db);
  agency->version = 1;
  return TRUE;
}

gboolean
allot_store_update_agency (AllotStore  *self,
                           AllotAgency *agency,
                           GError     **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (agency != NULL && agency->id > 0, FALSE);

  if (!validate_agency (agency, error) || !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_version (self, "SELECT version FROM agencies WHERE id = ?1", agency->id,
                      agency->version, _("Agency"), error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE agencies SET code = ?2, name = ?3, level = ?4, ori = ?5, version = version + 1"
          " WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, agency->id);
          allot_stmt_bind_text (stmt, 2, agency->code, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 3, agency->name, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 4, allot_agency_level_to_string (agency->level), -1,
                             ALLOT_BIND_STATIC);
          allot_db_bind_text_or_null (stmt, 5, agency->ori);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            allot_store_set_write_error (self, error, _("Agency"), agency->code);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  agency->version++;
  return TRUE;
}

#define AGENCY_COLUMNS "id, code, name, level, ori, version"

static AllotAgency *
read_agency (AllotStmt *stmt)
{
  AllotAgency *agency = allot_agency_new ();

  agency->id = allot_stmt_column_int64 (stmt, 0);
  agency->code = allot_db_column_dup (stmt, 1);
  agency->name = allot_db_column_dup (stmt, 2);
  allot_agency_level_from_string ((const char *) allot_stmt_column_text (stmt, 3), &agency->level);
  agency->ori = allot_db_column_dup (stmt, 4);
  agency->version = allot_stmt_column_int64 (stmt, 5);
  return agency;
}

AllotAgency *
allot_store_lookup_agency (AllotStore *self,
                           gint64      id,
                           GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self, "SELECT " AGENCY_COLUMNS " FROM agencies WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_agency, _("agency"), key, error);
}

AllotAgency *
allot_store_lookup_agency_by_code (AllotStore *self,
                                   const char *code,
                                   GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  stmt = allot_store_statement (self,
      "SELECT " AGENCY_COLUMNS " FROM agencies WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, code, -1, ALLOT_BIND_COPY);
  return allot_store_read_one (self, stmt, (gpointer) read_agency, _("agency"), code, error);
}

GPtrArray *
allot_store_list_agencies (AllotStore *self,
                           GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " AGENCY_COLUMNS " FROM agencies ORDER BY level, code", error);
  if (stmt == NULL)
    return NULL;
  return allot_store_read_all (self, stmt, (gpointer) read_agency, (GDestroyNotify) allot_agency_free, error);
}

/* ---- task forces ---- */

static gboolean
validate_task_force (AllotStore           *self,
                     const AllotTaskForce *tf,
                     GError              **error)
{
  g_autoptr(AllotAgency) lead = NULL;

  if (!allot_require_text (_("Task force code"), tf->code, 32, error) ||
      !allot_require_text (_("Task force name"), tf->name, 200, error) ||
      !allot_require_date (_("Start date"), &tf->start_date, error))
    return FALSE;
  if (g_date_valid (&tf->end_date) &&
      !allot_require_order (_("Start date"), &tf->start_date, _("End date"), &tf->end_date, error))
    return FALSE;
  if (tf->lead_agency_id == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Lead federal agency is required."));
      return FALSE;
    }
  lead = allot_store_lookup_agency (self, tf->lead_agency_id, error);
  if (lead == NULL)
    return FALSE;
  if (lead->level != ALLOT_AGENCY_FEDERAL)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The lead agency of a task force must be a federal agency; “%s” is not."),
                   lead->code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_members (AllotStore           *self,
               const AllotTaskForce *tf,
               GError              **error)
{
  AllotStmt *stmt;
  int rc;

  /* Replace the member list; the audit log keeps every row removed or added. */
  stmt = allot_store_statement (self, allot_db_backend (self->db) == ALLOT_DB_POSTGRES
    ? "DELETE FROM task_force_members WHERE task_force_id = ?1"
      " AND agency_id NOT IN (SELECT value::bigint FROM json_array_elements_text (?2::json))"
    : "DELETE FROM task_force_members WHERE task_force_id = ?1"
      " AND agency_id NOT IN (SELECT value FROM json_each(?2))", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autoptr(GString) ids = g_string_new ("[");
    for (guint i = 0; tf->member_ids != NULL && i < tf->member_ids->len; i++)
      g_string_append_printf (ids, "%s%" PRId64, i ? "," : "",
                              g_array_index (tf->member_ids, gint64, i));
    g_string_append (ids, "]");
    allot_stmt_bind_int64 (stmt, 1, tf->id);
    allot_stmt_bind_text (stmt, 2, ids->str, -1, ALLOT_BIND_COPY);
    if (!allot_db_step_done (self->db, stmt, error))
      return FALSE;
  }

  for (guint i = 0; tf->member_ids != NULL && i < tf->member_ids->len; i++)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO task_force_members (task_force_id, agency_id) VALUES (?1, ?2)"
          " ON CONFLICT DO NOTHING",
          error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_int64 (stmt, 1, tf->id);
      allot_stmt_bind_int64 (stmt, 2, g_array_index (tf->member_ids, gint64, i));
      rc = allot_stmt_step (stmt);
      allot_stmt_reset (stmt);
      if (rc != ALLOT_DB_DONE)
        {
          /* Only a foreign key refusal means the agency is not there. */
          if ((rc & 0xff) == ALLOT_DB_CONSTRAINT)
            g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                         _("Participating agency %" PRId64 " does not exist."),
                         g_array_index (tf->member_ids, gint64, i));
          else
            allot_db_set_error (self->db, rc, error, _("Task force"));
          return FALSE;
        }
    }
  return TRUE;
}

static void
bind_task_force (AllotStmt         *stmt,
                 const AllotTaskForce *tf)
{
  allot_stmt_bind_text (stmt, 2, tf->code, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_text (stmt, 3, tf->name, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_int64 (stmt, 4, tf->lead_agency_id);
  allot_db_bind_date (stmt, 5, &tf->start_date);
  allot_db_bind_date (stmt, 6, &tf->end_date);
  allot_stmt_bind_int (stmt, 7, tf->immigration ? 1 : 0);
}

gboolean
allot_store_add_task_force (AllotStore     *self,
                            AllotTaskForce *tf,
                            GError        **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (tf != NULL, FALSE);

  if (!validate_task_force (self, tf, error) || !allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO task_forces (code, name, lead_agency_id, start_date, end_date, immigration)"
      " VALUES (?2, ?3, ?4, ?5, ?6, ?7)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_task_force (stmt, tf);
      ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
      if (!ok)
        allot_store_set_write_error (self, error, _("Task force"), tf->code);
    }
  if (ok)
    {
      tf->id = allot_db_last_insert_id (self->db);
      ok = write_members (self, tf, error);
    }
  if (!allot_store_end_write (self, ok, error))
    {
      tf->id = 0;
      return FALSE;
    }
  tf->version = 1;
  return TRUE;
}

gboolean
allot_store_update_task_force (AllotStore     *self,
                               AllotTaskForce *tf,
                               GError        **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (tf != NULL && tf->id > 0, FALSE);

  if (!validate_task_force (self, tf, error) || !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_version (self, "SELECT version FROM task_forces WHERE id = ?1", tf->id,
                      tf->version, _("Task force"), error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE task_forces SET code = ?2, name = ?3, lead_agency_id = ?4, start_date = ?5,"
          " end_date = ?6, immigration = ?7, version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, tf->id);
          bind_task_force (stmt, tf);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            allot_store_set_write_error (self, error, _("Task force"), tf->code);
        }
    }
  if (ok)
    ok = write_members (self, tf, error);
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  tf->version++;
  return TRUE;
}

#define TASK_FORCE_COLUMNS \
  "id, code, name, lead_agency_id, start_date, end_date, immigration, version," \
  " (SELECT json_group_array(agency_id) FROM task_force_members m" \
  "  WHERE m.task_force_id = task_forces.id)"

static AllotTaskForce *
read_task_force (AllotStmt *stmt)
{
  AllotTaskForce *tf = allot_task_force_new ();
  const char *members;

  tf->id = allot_stmt_column_int64 (stmt, 0);
  tf->code = allot_db_column_dup (stmt, 1);
  tf->name = allot_db_column_dup (stmt, 2);
  tf->lead_agency_id = allot_stmt_column_int64 (stmt, 3);
  allot_db_column_date (stmt, 4, &tf->start_date);
  allot_db_column_date (stmt, 5, &tf->end_date);
  tf->immigration = allot_stmt_column_int (stmt, 6) != 0;
  tf->version = allot_stmt_column_int64 (stmt, 7);
  /* A JSON array of integers, written by SQLite itself: "[3,5]". */
  members = (const char *) allot_stmt_column_text (stmt, 8);
  for (const char *p = members; p != NULL && *p != '\0'; )
    {
      char *end;
      gint64 id;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      id = g_ascii_strtoll (p, &end, 10);
      g_array_append_val (tf->member_ids, id);
      p = end;
    }
  return tf;
}

AllotTaskForce *
allot_store_lookup_task_force (AllotStore *self,
                               gint64      id,
                               GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " TASK_FORCE_COLUMNS " FROM task_forces WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_task_force, _("task force"), key, error);
}

AllotTaskForce *
allot_store_lookup_task_force_by_code (AllotStore *self,
                                       const char *code,
                                       GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  stmt = allot_store_statement (self,
      "SELECT " TASK_FORCE_COLUMNS " FROM task_forces WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, code, -1, ALLOT_BIND_COPY);
  return allot_store_read_one (self, stmt, (gpointer) read_task_force, _("task force"), code, error);
}

GPtrArray *
allot_store_list_task_forces (AllotStore *self,
                              GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " TASK_FORCE_COLUMNS " FROM task_forces ORDER BY code", error);
  if (stmt == NULL)
    return NULL;
  return allot_store_read_all (self, stmt, (gpointer) read_task_force,
                   (GDestroyNotify) allot_task_force_free, error);
}

/* ---- categories ---- */

static gboolean
validate_category (const AllotCategory *category,
                   GError             **error)
{
  if (!allot_require_text (_("Category code"), category->code, 32, error) ||
      !allot_require_text (_("Category name"), category->name, 200, error))
    return FALSE;
  if (category->esac_category != 0 &&
      (category->esac_category < 'a' || category->esac_category > 'n'))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("ESAC spending category must be one of a to n, not “%c”."),
                   category->esac_category);
      return FALSE;
    }
  if (category->sf424a_line < 'a' || category->sf424a_line > 'h')
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("SF-424A line must be one of a to h (object classes), not “%c”."),
                   category->sf424a_line);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_category (AllotStore    *self,
                AllotCategory *category,
                gboolean       insert,
                GError       **error)
{
  AllotStmt *stmt;
  char line[2] = { category->sf424a_line, '\0' };
  char esac[2] = { category->esac_category, '\0' };
  gboolean ok;

  if (!validate_category (category, error) || !allot_store_begin_write (self, error))
    return FALSE;
  ok = insert || allot_store_check_version (self, "SELECT version FROM categories WHERE id = ?1",
                                category->id, category->version, _("Category"), error);
  if (ok)
    {
      stmt = insert
        ? allot_store_statement (self,
            "INSERT INTO categories (code, name, sf424a_line, esac_category)"
            " VALUES (?2, ?3, ?4, ?5)", error)
        : allot_store_statement (self,
            "UPDATE categories SET code = ?2, name = ?3, sf424a_line = ?4,"
            " esac_category = ?5, version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          if (!insert)
            allot_stmt_bind_int64 (stmt, 1, category->id);
          allot_stmt_bind_text (stmt, 2, category->code, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 3, category->name, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 4, line, -1, ALLOT_BIND_COPY);
          allot_db_bind_text_or_null (stmt, 5, esac);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            allot_store_set_write_error (self, error, _("Category"), category->code);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  if (insert)
    {
      category->id = allot_db_last_insert_id (self->db);
      category->version = 1;
    }
  else
    category->version++;
  return TRUE;
}

gboolean
allot_store_add_category (AllotStore    *self,
                          AllotCategory *category,
                          GError       **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);
  return write_category (self, category, TRUE, error);
}

gboolean
allot_store_update_category (AllotStore    *self,
                             AllotCategory *category,
                             GError       **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (category != NULL && category->id > 0, FALSE);
  return write_category (self, category, FALSE, error);
}

static AllotCategory *
read_category (AllotStmt *stmt)
{
  AllotCategory *category = allot_category_new ();
  const char *line;

  category->id = allot_stmt_column_int64 (stmt, 0);
  category->code = allot_db_column_dup (stmt, 1);
  category->name = allot_db_column_dup (stmt, 2);
  line = (const char *) allot_stmt_column_text (stmt, 3);
  category->sf424a_line = line != NULL ? line[0] : 'h';
  category->version = allot_stmt_column_int64 (stmt, 4);
  line = (const char *) allot_stmt_column_text (stmt, 5);
  category->esac_category = line != NULL ? line[0] : 0;
  return category;
}

AllotCategory *
allot_store_lookup_category (AllotStore *self,
                             gint64      id,
                             GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, code, name, sf424a_line, version, esac_category FROM categories"
      " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_category, _("cost category"), key,
                               error);
}

AllotCategory *
allot_store_lookup_category_by_code (AllotStore *self,
                                     const char *code,
                                     GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  stmt = allot_store_statement (self,
      "SELECT id, code, name, sf424a_line, version, esac_category FROM categories"
      " WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, code, -1, ALLOT_BIND_COPY);
  return allot_store_read_one (self, stmt, (gpointer) read_category, _("cost category"), code, error);
}

GPtrArray *
allot_store_list_categories (AllotStore *self,
                             GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, code, name, sf424a_line, version, esac_category FROM categories"
      " ORDER BY sf424a_line, code",
      error);
  if (stmt == NULL)
    return NULL;
  return allot_store_read_all (self, stmt, (gpointer) read_category, (GDestroyNotify) allot_category_free,
                   error);
}

/* ---- removing what nothing refers to ----
 *
 * Agencies, task forces and categories are reference data without a
 * "voided" state.  Undoing the creation of one removes it, but only while no
 * record refers to it: once anything does, removing it would rewrite that
 * record's history, and the store refuses, naming what refers to it.  The
 * delete is audited (the audit trigger keeps the row's last image, migration
 * 5), so the log still shows it existed.  SQLite may give the next new row
 * the same id; its history then reads insert, delete, insert. */

/* What a referring table's rows are, for people. */
static const struct {
  const char *table;
  const char *label;
} referrer_labels[] = {
  { "task_forces", N_("task forces") },
  { "task_force_members", N_("task force memberships") },
  { "sources", N_("funding sources") },
  { "agreements", N_("agreements (partner agency)") },
  { "contributions", N_("contributions") },
  { "allocations", N_("allocations") },
  { "officers", N_("officers") },
  { "assignments", N_("officer assignments") },
  { "overtime_entries", N_("overtime entries") },
  { "reimbursement_claims", N_("reimbursement claims") },
};

static const char *
referrer_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (referrer_labels); i++)
    if (g_str_equal (referrer_labels[i].table, table))
      return _(referrer_labels[i].label);
  return table;
}

/* Inside a write: appends to @uses "label: N" for every table with rows
 * whose foreign key points at row @id of @table.  The foreign keys are read
 * from the schema, so a table added later is counted without anyone
 * remembering to; @owned_by names the one table whose rows belong to the
 * record and go with it (task force memberships). */
static gboolean
collect_references (AllotStore *self,
                    const char *table,
                    gint64      id,
                    const char *owned_by,
                    GString    *uses,
                    GError    **error)
{
  /* Each engine's own catalogue of foreign keys (single-column ones, which
   * are all Allot has). */
  g_autoptr(AllotStmt) keys = allot_db_prepare (self->db,
      allot_db_backend (self->db) == ALLOT_DB_POSTGRES
        ? "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c"
          " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
          " WHERE c.contype = 'f' AND c.confrelid = to_regclass (?1)"
          " ORDER BY c.conrelid::regclass::text COLLATE \"C\", c.conname"
        : "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list (m.name) f"
          " WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY m.name, f.id", error);
  int rc;

  if (keys == NULL)
    return FALSE;
  allot_stmt_bind_text (keys, 1, table, -1, ALLOT_BIND_STATIC);
  while ((rc = allot_stmt_step (keys)) == ALLOT_DB_ROW)
    {
      const char *from_table = (const char *) allot_stmt_column_text (keys, 0);
      const char *column = (const char *) allot_stmt_column_text (keys, 1);
      g_autofree char *sql = NULL;
      g_autoptr(AllotStmt) count = NULL;
      gint64 n = 0;

      if (g_strcmp0 (from_table, owned_by) == 0)
        continue;
      /* Identifiers from our own schema, never user data. */
      sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1", from_table, column);
      count = allot_db_prepare (self->db, sql, error);
      if (count == NULL)
        return FALSE;
      allot_stmt_bind_int64 (count, 1, id);
      if (!allot_db_query_int64 (self->db, count, &n, error))
        return FALSE;
      if (n > 0)
        g_string_append_printf (uses, "%s%s: %" PRId64, uses->len > 0 ? ", " : "",
                                referrer_label (from_table), n);
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (self->db, rc, error, "Could not read the schema");
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  const char *table;
  const char *what;          /* for people, capitalized */
  const char *code_sql;      /* the code of row ?1 */
  const char *owned_delete;  /* rows that go with it, or NULL */
  const char *owned_table;
  const char *delete_sql;
} Removable;

static const Removable removable_agency = {
  "agencies", N_("Agency"), "SELECT code FROM agencies WHERE id = ?1",
  NULL, NULL, "DELETE FROM agencies WHERE id = ?1",
};
static const Removable removable_task_force = {
  "task_forces", N_("Task force"), "SELECT code FROM task_forces WHERE id = ?1",
  "DELETE FROM task_force_members WHERE task_force_id = ?1", "task_force_members",
  "DELETE FROM task_forces WHERE id = ?1",
};
static const Removable removable_category = {
  "categories", N_("Cost category"), "SELECT code FROM categories WHERE id = ?1",
  NULL, NULL, "DELETE FROM categories WHERE id = ?1",
};

static gboolean
remove_record (AllotStore      *self,
               const Removable *r,
               gint64           id,
               GError         **error)
{
  g_autoptr(GString) uses = g_string_new (NULL);
  g_autofree char *code = NULL;
  AllotStmt *stmt;
  gboolean ok;

  if (!allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self, r->code_sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, id);
      if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
        code = allot_db_column_dup (stmt, 0);
      allot_stmt_reset (stmt);
      if (code == NULL)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                       _("%s %" PRId64 " does not exist."), _(r->what), id);
          ok = FALSE;
        }
    }
  ok = ok && collect_references (self, r->table, id, r->owned_table, uses, error);
  if (ok && uses->len > 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s “%s” cannot be removed: records refer to it (%s). It can only be "
                     "removed while nothing refers to it."), _(r->what), code, uses->str);
      ok = FALSE;
    }
  if (ok && r->owned_delete != NULL)
    {
      stmt = allot_store_statement (self, r->owned_delete, error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, id);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self, r->delete_sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, id);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  return allot_store_end_write (self, ok, error);
}

gboolean
allot_store_remove_agency (AllotStore *self,
                           gint64      agency_id,
                           GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  return remove_record (self, &removable_agency, agency_id, error);
}

gboolean
allot_store_remove_task_force (AllotStore *self,
                               gint64      task_force_id,
                               GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  return remove_record (self, &removable_task_force, task_force_id, error);
}

gboolean
allot_store_remove_category (AllotStore *self,
                             gint64      category_id,
                             GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  return remove_record (self, &removable_category, category_id, error);
}
