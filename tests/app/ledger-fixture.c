/* ledger-fixture.c: a generated ledger of any size. */
#include "allot-config.h"

#include "allot-date.h"
#include "ledger-fixture.h"

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

GArray *
ledger_fixture_fill (AllotStore *store,
                     guint       n_entries,
                     gint64      task_force_ids[3])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autoptr(AllotSource) grant = allot_source_new (ALLOT_SOURCE_GRANT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (LedgerFixtureRow), n_entries);
  gint64 category_ids[4];
  gint64 allocation_ids[24];
  int allocation_years[24];
  gint64 allocation_tfs[24];
  static const char *categories[4][2] = {
    { "personnel", "Personnel" }, { "overtime", "Overtime" },
    { "equipment", "Equipment" }, { "travel", "Travel" },
  };

  g_assert_true (allot_store_begin_batch (store, &error));
  g_assert_no_error (error);

  agency->code = g_strdup ("FBI");
  agency->name = g_strdup ("Federal Bureau of Investigation");
  agency->level = ALLOT_AGENCY_FEDERAL;
  allot_store_add_agency (store, agency, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AllotTaskForce) tf = allot_task_force_new ();

      tf->code = g_strdup_printf ("TF%u", i + 1);
      tf->name = g_strdup_printf ("Task force %u", i + 1);
      tf->lead_agency_id = agency->id;
      set_date (&tf->start_date, 2020, 1, 1);
      allot_store_add_task_force (store, tf, &error);
      g_assert_no_error (error);
      task_force_ids[i] = tf->id;
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(AllotCategory) category = allot_category_new ();

      category->code = g_strdup (categories[i][0]);
      category->name = g_strdup (categories[i][1]);
      category->sf424a_line = i == 0 ? 'a' : i == 2 ? 'd' : i == 3 ? 'c' : 'h';
      allot_store_add_category (store, category, &error);
      g_assert_no_error (error);
      category_ids[i] = category->id;
    }

  grant->code = g_strdup ("BIG-GRANT");
  grant->name = g_strdup ("A large generated grant");
  grant->agency_id = agency->id;
  grant->u.grant.award_number = g_strdup ("15PBJA-00-GG-00000-GEN");
  grant->u.grant.assistance_listing = g_strdup ("16.738");
  grant->u.grant.award_amount = G_GINT64_CONSTANT (90000000000000);
  set_date (&grant->u.grant.pop_start, 2024, 10, 1);
  set_date (&grant->u.grant.pop_end, 2026, 9, 30);
  grant->u.grant.indirect_rate_type = g_strdup ("none");
  grant->u.grant.uniform_guidance = g_strdup ("2024");
  grant->u.grant.reporting_frequency = g_strdup ("quarterly");
  allot_store_add_source (store, grant, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(AllotAllocation) allocation = allot_allocation_new ();

      allocation->source_id = grant->id;
      allocation->task_force_id = task_force_ids[i % 3];
      allocation->category_id = category_ids[(i / 3) % 4];
      allocation->fiscal_year = i < 12 ? 2025 : 2026;
      allocation->amount = G_GINT64_CONSTANT (3000000000000);
      allot_store_add_allocation (store, allocation, &error);
      g_assert_no_error (error);
      allocation_ids[i] = allocation->id;
      allocation_years[i] = allocation->fiscal_year;
      allocation_tfs[i] = allocation->task_force_id;
    }

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(AllotLedgerEntry) entry = allot_ledger_entry_new ();
      LedgerFixtureRow row = { 0, };
      guint a = g_rand_int_range (rand, 0, 24);
      GDate first, last;

      entry->allocation_id = allocation_ids[a];
      entry->kind = (AllotEntryKind) (g_rand_int_range (rand, 0, 3));
      entry->amount = g_rand_int_range (rand, 1, 5000000);
      if (entry->kind == ALLOT_ENTRY_ADJUSTMENT && g_rand_boolean (rand))
        entry->amount = -entry->amount;
      allot_fiscal_year_bounds (allocation_years[a], ALLOT_FY_START_DEFAULT, &first, &last);
      entry->entry_date = first;
      g_date_add_days (&entry->entry_date, g_rand_int_range (rand, 0, 365));
      entry->document_number = g_strdup_printf ("D%07u", i);
      entry->payee = g_strdup_printf ("Vendor %u", i % 97);
      row.needle = i % 997 == 3;
      entry->description = g_strdup_printf ("Generated line %u%s", i,
                                            row.needle ? " with a NeedLe in it" : "");
      entry->status = i % 2 ? ALLOT_STATUS_SUBMITTED : ALLOT_STATUS_DRAFT;
      allot_store_add_entry (store, entry, &error);
      g_assert_no_error (error);

      row.id = entry->id;
      row.amount = entry->amount;
      row.kind = entry->kind;
      row.fiscal_year = allocation_years[a];
      row.task_force_id = allocation_tfs[a];
      g_date_strftime (row.date, sizeof row.date, "%Y-%m-%d", &entry->entry_date);
      g_strlcpy (row.document, entry->document_number, sizeof row.document);
      g_array_append_val (rows, row);
    }

  allot_store_end_batch (store, TRUE, &error);
  g_assert_no_error (error);
  return rows;
}
