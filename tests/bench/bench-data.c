/* bench-data.c: the generated ledger model (see bench-data.h). */
#include "bench-data.h"

#include <string.h>

static const BenchAgency agencies[] = {
  { "FBI", "Federal Bureau of Investigation (generated)", ALLOT_AGENCY_FEDERAL },
  { "DEA", "Drug Enforcement Administration (generated)", ALLOT_AGENCY_FEDERAL },
  { "DOJ-BJA", "Bureau of Justice Assistance (generated)", ALLOT_AGENCY_FEDERAL },
  { "DHS-FEMA", "Federal Emergency Management Agency (generated)", ALLOT_AGENCY_FEDERAL },
  { "MPD", "Metropolitan Police Department (generated)", ALLOT_AGENCY_LOCAL },
};

static const BenchTaskForce task_forces[] = {
  { "SSTF", "Safe Streets Task Force (generated)", "FBI" },
  { "JTTF", "Joint Terrorism Task Force (generated)", "FBI" },
  { "HIDTA", "HIDTA Drug Task Force (generated)", "DEA" },
  { "OCDETF", "OCDETF Strike Force (generated)", "DEA" },
  { "FUGITIVE", "Violent Fugitive Task Force (generated)", "FBI" },
  { "GANG", "Gang Enforcement Task Force (generated)", "FBI" },
};

static const BenchCategory categories[] = {
  { "PERS", "Personnel", 'a' },
  { "FRINGE", "Fringe benefits", 'b' },
  { "TRAVEL", "Travel", 'c' },
  { "EQUIP", "Equipment", 'd' },
  { "SUPPLY", "Supplies", 'e' },
  { "CONTRACT", "Contractual", 'f' },
  { "OT", "Overtime", 'h' },
  { "TRAINING", "Training", 'h' },
};

static const char *const payees[] = {
  "MPD payroll (generated)", "Capitol Communications Supply (generated)",
  "Navy Yard Cloud Services LLC (generated)", "Regional Training Institute (generated)",
  "Foggy Bottom Digital Forensics LLC (generated)", "Anacostia Fleet Services (generated)",
  "Example Analytics Corp. (generated)", "Demo Travel Services LLC (generated)",
  "Rock Creek Office Products (generated)", "Potomac Body Armor Inc. (generated)",
  "District Vehicle Leasing (generated)", "Union Station Catering (generated)",
};

static const char *const users[] = {
  "m.rivera", "j.chen", "a.okafor", "s.patel", "d.kowalski",
};

static const char *const months[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};

struct _BenchLedger
{
  guint64 n_entries;
  guint64 next;
  guint32 state;              /* xorshift32 */
  BenchSource *sources;
  guint n_sources;
  BenchAllocation *allocations;
  guint n_allocations;
  guint year_first[BENCH_N_YEARS];  /* first allocation index of each year */
  guint year_count[BENCH_N_YEARS];
  gint64 *open_obligation;          /* per allocation: id of its open obligation, 0 = none */
  gint64 *open_remaining;           /* what is still open on it */
  GDate first_day;
  guint n_days;
};

const BenchAgency *
bench_ledger_agencies (guint *n)
{
  *n = G_N_ELEMENTS (agencies);
  return agencies;
}

const BenchTaskForce *
bench_ledger_task_forces (guint *n)
{
  *n = G_N_ELEMENTS (task_forces);
  return task_forces;
}

const BenchCategory *
bench_ledger_categories (guint *n)
{
  *n = G_N_ELEMENTS (categories);
  return categories;
}

static guint32
next_random (BenchLedger *l)
{
  guint32 x = l->state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  l->state = x;
  return x;
}

BenchLedger *
bench_ledger_new (guint64 n_entries)
{
  BenchLedger *l = g_new0 (BenchLedger, 1);
  GDate last;
  guint s = 0, a = 0;

  l->n_entries = n_entries;
  l->state = 20261128;

  /* Sources: two grants, two forfeiture funds, one agreement, then one
   * appropriation per fiscal year. */
  l->n_sources = 5 + BENCH_N_YEARS;
  l->sources = g_new0 (BenchSource, l->n_sources);
  g_strlcpy (l->sources[s].code, "JAG-GEN", sizeof l->sources[s].code);
  l->sources[s++].kind = ALLOT_SOURCE_GRANT;
  g_strlcpy (l->sources[s].code, "UASI-GEN", sizeof l->sources[s].code);
  l->sources[s++].kind = ALLOT_SOURCE_GRANT;
  g_strlcpy (l->sources[s].code, "ES-DOJ-GEN", sizeof l->sources[s].code);
  l->sources[s++].kind = ALLOT_SOURCE_FORFEITURE;
  g_strlcpy (l->sources[s].code, "ES-TREAS-GEN", sizeof l->sources[s].code);
  l->sources[s++].kind = ALLOT_SOURCE_FORFEITURE;
  g_strlcpy (l->sources[s].code, "MOU-GEN", sizeof l->sources[s].code);
  l->sources[s++].kind = ALLOT_SOURCE_AGREEMENT;
  for (int fy = BENCH_FIRST_FY; fy <= BENCH_LAST_FY; fy++)
    {
      g_snprintf (l->sources[s].code, sizeof l->sources[s].code, "APPROP-FY%d", fy);
      l->sources[s].kind = ALLOT_SOURCE_APPROPRIATION;
      l->sources[s++].fiscal_year = fy;
    }
  g_assert (s == l->n_sources);

  /* Allocations, year by year. */
  l->n_allocations = BENCH_N_YEARS * 6 * G_N_ELEMENTS (task_forces) * G_N_ELEMENTS (categories);
  l->allocations = g_new0 (BenchAllocation, l->n_allocations);
  for (int y = 0; y < BENCH_N_YEARS; y++)
    {
      l->year_first[y] = a;
      for (guint src = 0; src < l->n_sources; src++)
        {
          const BenchSource *source = &l->sources[src];

          if (source->kind == ALLOT_SOURCE_APPROPRIATION &&
              source->fiscal_year != BENCH_FIRST_FY + y)
            continue;
          for (guint t = 0; t < G_N_ELEMENTS (task_forces); t++)
            for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
              {
                BenchAllocation *allocation = &l->allocations[a++];

                allocation->fiscal_year = BENCH_FIRST_FY + y;
                allocation->source = src;
                allocation->task_force = t;
                allocation->category = c;
              }
        }
      l->year_count[y] = a - l->year_first[y];
    }
  g_assert (a == l->n_allocations);
  l->open_obligation = g_new0 (gint64, l->n_allocations);
  l->open_remaining = g_new0 (gint64, l->n_allocations);

  g_date_clear (&l->first_day, 1);
  g_date_set_dmy (&l->first_day, 1, G_DATE_OCTOBER, BENCH_FIRST_FY - 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 30, G_DATE_SEPTEMBER, BENCH_LAST_FY);
  l->n_days = (guint) g_date_days_between (&l->first_day, &last) + 1;
  return l;
}

void
bench_ledger_free (BenchLedger *l)
{
  if (l == NULL)
    return;
  g_free (l->sources);
  g_free (l->allocations);
  g_free (l->open_obligation);
  g_free (l->open_remaining);
  g_free (l);
}

const BenchSource *
bench_ledger_sources (BenchLedger *l,
                      guint       *n)
{
  *n = l->n_sources;
  return l->sources;
}

const BenchAllocation *
bench_ledger_allocations (BenchLedger *l,
                          guint       *n)
{
  *n = l->n_allocations;
  return l->allocations;
}

static void
format_date (const GDate *date,
             char         out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
}

gboolean
bench_ledger_next (BenchLedger *l,
                   BenchEntry  *e)
{
  guint64 i = l->next;
  guint day, a, roll;
  gint64 open;
  gboolean counts;
  const BenchAllocation *allocation;
  GDate date;
  int fiscal_year;

  if (i >= l->n_entries)
    return FALSE;
  l->next++;
  memset (e, 0, sizeof *e);
  e->id = (gint64) i + 1;

  day = (guint) (i * l->n_days / l->n_entries);
  date = l->first_day;
  g_date_add_days (&date, day);
  format_date (&date, e->entry_date);
  fiscal_year = g_date_get_month (&date) >= 10 ? g_date_get_year (&date) + 1
                                               : g_date_get_year (&date);
  fiscal_year = CLAMP (fiscal_year, BENCH_FIRST_FY, BENCH_LAST_FY);

  a = l->year_first[fiscal_year - BENCH_FIRST_FY] +
      next_random (l) % l->year_count[fiscal_year - BENCH_FIRST_FY];
  allocation = &l->allocations[a];
  e->allocation_id = a + 1;

  /* Status first: only approved, unvoided entries move the open amount of
   * an obligation, as in the balances. */
  roll = next_random (l) % 100;
  e->status = roll < 95 ? ALLOT_STATUS_APPROVED : roll < 98 ? ALLOT_STATUS_SUBMITTED
                                                            : ALLOT_STATUS_DRAFT;
  e->voided = next_random (l) % 100 == 0;
  counts = e->status == ALLOT_STATUS_APPROVED && !e->voided;

  /* An allocation has at most one open obligation at a time, paid down by
   * expenditures (most of them name it) and closed by a final payment or a
   * deobligation, as a real ledger ages: few old obligations stay open. */
  roll = next_random (l) % 100;
  open = l->open_obligation[a];
  if (roll < 30 && open == 0)
    {
      e->kind = ALLOT_ENTRY_OBLIGATION;
      e->amount = 100000 + next_random (l) % 5000000;
      g_snprintf (e->document, sizeof e->document, "PO-%d-%07" G_GUINT64_FORMAT, fiscal_year,
                  i + 1);
      if (counts)
        {
          l->open_obligation[a] = e->id;
          l->open_remaining[a] = e->amount;
        }
    }
  else if (roll < 90 || open == 0)
    {
      e->kind = ALLOT_ENTRY_EXPENDITURE;
      e->amount = 100 + next_random (l) % 2000000;
      g_snprintf (e->document, sizeof e->document, "PV-%d-%07" G_GUINT64_FORMAT, fiscal_year,
                  i + 1);
      if (open != 0 && next_random (l) % 5 != 0)
        {
          e->obligation_id = open;
          if (e->amount > l->open_remaining[a] || next_random (l) % 4 == 0)
            e->amount = l->open_remaining[a];
          if (counts)
            l->open_remaining[a] -= e->amount;
        }
      if (next_random (l) % 5 != 0)
        {
          GDate paid = date;

          g_date_add_days (&paid, next_random (l) % 30);
          format_date (&paid, e->paid_date);
        }
    }
  else
    {
      e->kind = ALLOT_ENTRY_ADJUSTMENT;
      g_snprintf (e->document, sizeof e->document, "ADJ-%d-%07" G_GUINT64_FORMAT, fiscal_year,
                  i + 1);
      if (next_random (l) % 2 == 0)
        {
          /* A deobligation of what is left. */
          e->obligation_id = open;
          e->amount = -l->open_remaining[a];
          if (counts)
            l->open_remaining[a] = 0;
        }
      else
        e->amount = (next_random (l) % 2 == 0 ? -1 : 1) * (gint64) (100 + next_random (l) % 50000);
    }
  if (e->amount == 0)
    e->amount = 100;  /* the schema refuses zero amounts */
  if (l->open_obligation[a] != 0 && l->open_remaining[a] <= 0)
    l->open_obligation[a] = 0;

  e->payee = payees[next_random (l) % G_N_ELEMENTS (payees)];
  e->entered_by = users[next_random (l) % G_N_ELEMENTS (users)];
  switch (next_random (l) % 6)
    {
    case 0:
      g_snprintf (e->description, sizeof e->description,
                  "Overtime, %s %u: %u officers detailed to the %s",
                  months[g_date_get_month (&date) - 1], g_date_get_year (&date),
                  2 + next_random (l) % 9, task_forces[allocation->task_force].name);
      break;
    case 1:
      g_snprintf (e->description, sizeof e->description,
                  "Encrypted portable radios, set of %u (%s)", 2 + next_random (l) % 20,
                  task_forces[allocation->task_force].code);
      break;
    case 2:
      g_snprintf (e->description, sizeof e->description,
                  "Travel: financial investigations course, %u detectives", 1 + next_random (l) % 6);
      break;
    case 3:
      g_snprintf (e->description, sizeof e->description,
                  "Digital evidence storage and review service, FY%d (%s)", fiscal_year,
                  task_forces[allocation->task_force].name);
      break;
    case 4:
      g_snprintf (e->description, sizeof e->description,
                  "Mobile device forensic extraction kit, %u units", 1 + next_random (l) % 4);
      break;
    default:
      g_snprintf (e->description, sizeof e->description, "%s, %s",
                  categories[allocation->category].name, e->document);
      break;
    }
  return TRUE;
}
