-- baseline-balances-by-allocation.sql: what "allot-cli balances --by
-- allocation --csv" prints, as one plain SQL query for the sqlite3 shell:
-- one pass over the ledger, no views.  run-bench times it and compares its
-- output with Allot's, line by line.
.headers on
.mode csv
SELECT 'allocation' AS level, a.id, s.code || '/' || t.code || '/' || c.code AS code,
       s.name || ', ' || t.name || ', ' || c.name AS name, a.fiscal_year,
       printf ('%s%d.%02d', iif (a.amount < 0, '-', ''), abs (a.amount) / 100, abs (a.amount) % 100) AS authorized,
       printf ('%s%d.%02d', iif (a.amount < 0, '-', ''), abs (a.amount) / 100, abs (a.amount) % 100) AS allocated,
       printf ('%s%d.%02d', iif (x.obl < 0, '-', ''), abs (x.obl) / 100, abs (x.obl) % 100) AS obligated,
       printf ('%s%d.%02d', iif (x.exp < 0, '-', ''), abs (x.exp) / 100, abs (x.exp) % 100) AS expended,
       printf ('%s%d.%02d', iif (x.obl - x.liq < 0, '-', ''), abs (x.obl - x.liq) / 100,
               abs (x.obl - x.liq) % 100) AS unliquidated,
       printf ('%s%d.%02d', iif (a.amount - x.exp - x.obl + x.liq < 0, '-', ''),
               abs (a.amount - x.exp - x.obl + x.liq) / 100,
               abs (a.amount - x.exp - x.obl + x.liq) % 100) AS available
FROM allocations a
JOIN sources s ON s.id = a.source_id
JOIN task_forces t ON t.id = a.task_force_id
JOIN categories c ON c.id = a.category_id
JOIN (SELECT a2.id AS id,
             COALESCE (SUM (CASE WHEN e.kind = 'obligation' THEN e.amount
                                 WHEN e.kind = 'adjustment' AND o.id IS NOT NULL THEN e.amount END), 0) AS obl,
             COALESCE (SUM (CASE WHEN e.kind = 'expenditure' THEN e.amount
                                 WHEN e.kind = 'adjustment' AND e.obligation_id IS NULL THEN e.amount END), 0) AS exp,
             COALESCE (SUM (CASE WHEN e.kind = 'expenditure' AND o.id IS NOT NULL THEN e.amount END), 0) AS liq
      FROM allocations a2
      LEFT JOIN ledger_entries e ON e.allocation_id = a2.id AND e.voided = 0 AND e.status = 'approved'
      LEFT JOIN ledger_entries o ON o.id = e.obligation_id AND o.voided = 0 AND o.status = 'approved'
      GROUP BY a2.id) x ON x.id = a.id
WHERE a.voided = 0 AND a.status = 'approved'
ORDER BY a.fiscal_year, s.code, t.code, c.code;
