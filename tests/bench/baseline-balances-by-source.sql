-- baseline-balances-by-source.sql: what "allot-cli balances --by source
-- --csv" prints (each source's lifetime authority and what its approved
-- allocations and entries add up to), as one plain SQL query for the
-- sqlite3 shell, no views.  run-bench times it and compares its output with
-- Allot's, line by line.
.headers on
.mode csv
SELECT 'source' AS level, s.id, s.code, s.name, NULL AS fiscal_year,
       printf ('%s%d.%02d', iif (au < 0, '-', ''), abs (au) / 100, abs (au) % 100) AS authorized,
       printf ('%s%d.%02d', iif (al < 0, '-', ''), abs (al) / 100, abs (al) % 100) AS allocated,
       printf ('%s%d.%02d', iif (obl < 0, '-', ''), abs (obl) / 100, abs (obl) % 100) AS obligated,
       printf ('%s%d.%02d', iif (exp < 0, '-', ''), abs (exp) / 100, abs (exp) % 100) AS expended,
       printf ('%s%d.%02d', iif (obl - liq < 0, '-', ''), abs (obl - liq) / 100,
               abs (obl - liq) % 100) AS unliquidated,
       printf ('%s%d.%02d', iif (au - exp - obl + liq < 0, '-', ''),
               abs (au - exp - obl + liq) / 100, abs (au - exp - obl + liq) % 100) AS available
FROM (SELECT s.id, s.code, s.name, s.kind,
             COALESCE (CASE s.kind
               WHEN 'grant' THEN (SELECT g.award_amount FROM grants g WHERE g.source_id = s.id)
                 + (SELECT COALESCE (SUM (m.amount), 0) FROM amendments m WHERE m.source_id = s.id)
               WHEN 'appropriation' THEN (SELECT p.amount FROM appropriations p WHERE p.source_id = s.id)
               WHEN 'agreement' THEN (SELECT COALESCE (SUM (c.valuation), 0) FROM contributions c
                                      WHERE c.source_id = s.id AND c.side = 'partner'
                                        AND c.form = 'cash' AND c.voided = 0)
               WHEN 'forfeiture' THEN (SELECT COALESCE (SUM (r.amount), 0) FROM receipts r
                                       WHERE r.source_id = s.id AND r.voided = 0)
             END, 0) AS au,
             COALESCE (SUM (x.allocated), 0) AS al, COALESCE (SUM (x.obl), 0) AS obl,
             COALESCE (SUM (x.exp), 0) AS exp, COALESCE (SUM (x.liq), 0) AS liq
      FROM sources s
      LEFT JOIN (SELECT a.source_id, a.id, a.amount AS allocated,
                        COALESCE (SUM (CASE WHEN e.kind = 'obligation' THEN e.amount
                                            WHEN e.kind = 'adjustment' AND o.id IS NOT NULL THEN e.amount END), 0) AS obl,
                        COALESCE (SUM (CASE WHEN e.kind = 'expenditure' THEN e.amount
                                            WHEN e.kind = 'adjustment' AND e.obligation_id IS NULL THEN e.amount END), 0) AS exp,
                        COALESCE (SUM (CASE WHEN e.kind = 'expenditure' AND o.id IS NOT NULL THEN e.amount END), 0) AS liq
                 FROM allocations a
                 LEFT JOIN ledger_entries e ON e.allocation_id = a.id AND e.voided = 0 AND e.status = 'approved'
                 LEFT JOIN ledger_entries o ON o.id = e.obligation_id AND o.voided = 0 AND o.status = 'approved'
                 WHERE a.voided = 0 AND a.status = 'approved'
                 GROUP BY a.id) x ON x.source_id = s.id
      GROUP BY s.id) s
ORDER BY CASE s.kind WHEN 'grant' THEN 0 WHEN 'appropriation' THEN 1 WHEN 'agreement' THEN 2 ELSE 3 END, s.code;
