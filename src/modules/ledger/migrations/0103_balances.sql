-- Balances at scale: per (company, month, account, value currency, entry purpose) sums of the posted lines,
-- maintained by the database, so reports read a few rows per account and month instead of every line.
-- The purpose is part of the key because reports leave some purposes out (closing entries, from the
-- profit and loss of the year they close).
--
-- The hot-account problem. One row per account and month, updated by every posting, would make every
-- posting to the company's cash account queue on that row's lock until the previous poster commits (and
-- lock rows in varying order across statements, inviting deadlocks). Here an account-month is instead the
-- SUM of any number of rows, and a posting never waits for one:
--   * it deletes the rows of its account-months that nobody else holds (FOR UPDATE SKIP LOCKED) and
--     inserts one new row carrying their sum plus its own amounts ("fold as you go");
--   * rows held by concurrent postings are skipped, not awaited; they are folded by a later posting.
-- Nothing is lost: a row is deleted only by the transaction holding its lock, which re-inserts its value in
-- the same statement; if that transaction rolls back, so do the delete and the insert. The number of rows
-- of an account-month stays near the number of postings to it in flight at once. Plain inserts of fresh
-- ids never conflict, so this holds under any isolation level and can't deadlock.
--
-- When lines count. A line counts once its entry is posted: lines are added while the entry is a draft
-- (counted by the UPDATE that posts it) or inserted, changed or deleted after their entry was posted in
-- the same transaction, e.g. an entry inserted as posted (counted as they change). Posted entries and their lines are
-- immutable afterwards (0100's guards), so nothing else moves a balance. Statement-level triggers read
-- transition tables, so a bulk import of a million entries folds once per statement, set-based.
-- Not supported: ONE statement (data-modifying CTEs) that both posts a draft by UPDATE and inserts or
-- changes its lines — both triggers would see those lines. Post in one statement, add lines in another.
--
-- A restore copies this table verbatim from a consistent backup, in the same transaction as the lines: the
-- platform's restore sets `app.restoring`, and these triggers then leave the copy alone instead of adding
-- the lines a second time. `trastienda ledger check` recomputes every row from the lines.

CREATE TABLE ledger_balances (
  company_id uuid NOT NULL REFERENCES companies (id),
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  account_id uuid NOT NULL,
  value_currency text NOT NULL,
  -- The lines' own commodity, so the per-commodity trial balance (quantities, as hledger reports them) reads
  -- balances too.
  currency text NOT NULL,
  purpose text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Signed: a fold of a line removed in its posting transaction may be negative on its own; the sum over an
  -- account-month's rows is what equals the lines. Unbounded numerics: a month's sum may outgrow one line's.
  debit numeric NOT NULL,
  credit numeric NOT NULL,
  -- Sums of amount_currency of the debit lines and of the credit lines.
  quantity_debit numeric NOT NULL,
  quantity_credit numeric NOT NULL,
  PRIMARY KEY (company_id, month, account_id, value_currency, currency, purpose, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id)
);

-- Adds signed amounts to account-months, folding the rows nobody else holds (see above). Each key appears
-- once in the arrays.
CREATE FUNCTION ledger_balances_apply(
  p_company uuid[], p_month date[], p_account uuid[], p_value_currency text[], p_currency text[], p_purpose text[],
  p_debit numeric[], p_credit numeric[], p_quantity_debit numeric[], p_quantity_credit numeric[]
) RETURNS void
  LANGUAGE sql AS $$
  WITH delta AS (
    SELECT * FROM unnest(p_company, p_month, p_account, p_value_currency, p_currency, p_purpose, p_debit, p_credit,
                         p_quantity_debit, p_quantity_credit)
      AS d (company_id, month, account_id, value_currency, currency, purpose, debit, credit, quantity_debit, quantity_credit)
  ),
  folded AS (
    DELETE FROM ledger_balances b
     WHERE b.ctid IN (
       SELECT o.ctid FROM ledger_balances o
         JOIN delta d ON d.company_id = o.company_id AND d.month = o.month AND d.account_id = o.account_id
                     AND d.value_currency = o.value_currency AND d.currency = o.currency AND d.purpose = o.purpose
          FOR UPDATE OF o SKIP LOCKED)
    RETURNING b.company_id, b.month, b.account_id, b.value_currency, b.currency, b.purpose, b.debit, b.credit,
              b.quantity_debit, b.quantity_credit
  )
  INSERT INTO ledger_balances (company_id, month, account_id, value_currency, currency, purpose, debit, credit, quantity_debit, quantity_credit)
  SELECT company_id, month, account_id, value_currency, currency, purpose, sum(debit), sum(credit), sum(quantity_debit), sum(quantity_credit)
    FROM (SELECT * FROM delta UNION ALL SELECT * FROM folded) x
   GROUP BY company_id, month, account_id, value_currency, currency, purpose;
$$;

-- True while a restore copies rows verbatim (set by the platform's restore, never by the app's role: the
-- `role` setting is what tenant transactions switch, and security definer functions leave it alone).
CREATE FUNCTION ledger_balances_restoring() RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.restoring', true), '') = 'on' AND current_setting('role') <> 'trastienda_app'
$$;

-- Entries turning posted (UPDATE from draft): the lines they have so far start to count. An entry inserted
-- as posted has no lines yet (their foreign key needs it first): the lines trigger counts them as they come.
CREATE FUNCTION ledger_balances_entries_posted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c uuid[]; m date[]; a uuid[]; v text[]; k text[]; p text[]; dr numeric[]; cr numeric[]; qd numeric[]; qc numeric[];
BEGIN
  IF ledger_balances_restoring() THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(company_id), array_agg(month), array_agg(account_id), array_agg(value_currency), array_agg(currency),
         array_agg(purpose), array_agg(debit), array_agg(credit), array_agg(quantity_debit), array_agg(quantity_credit)
    INTO c, m, a, v, k, p, dr, cr, qd, qc
    FROM (SELECT l.company_id, date_trunc('month', n.date)::date AS month, l.account_id, l.value_currency, l.currency, n.purpose,
                 sum(l.debit) AS debit, sum(l.credit) AS credit,
                 coalesce(sum(l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS quantity_debit,
                 coalesce(sum(l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS quantity_credit
            FROM new_entries n
            JOIN journal_lines l ON l.company_id = n.company_id AND l.entry_id = n.id
           WHERE n.status = 'posted'
             AND NOT EXISTS (SELECT 1 FROM old_entries o WHERE o.company_id = n.company_id AND o.id = n.id AND o.status = 'posted')
           GROUP BY 1, 2, 3, 4, 5, 6) d;
  IF c IS NOT NULL THEN
    PERFORM ledger_balances_apply(c, m, a, v, k, p, dr, cr, qd, qc);
  END IF;
  RETURN NULL;
END
$$;

-- Lines inserted, changed or deleted while their entry is posted (only possible in the posting
-- transaction): old versions leave the balances (sign -1), new ones enter (sign +1).
CREATE FUNCTION ledger_balances_lines_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c uuid[]; m date[]; a uuid[]; v text[]; k text[]; p text[]; dr numeric[]; cr numeric[]; qd numeric[]; qc numeric[];
  changed text;
BEGIN
  IF ledger_balances_restoring() THEN
    RETURN NULL;
  END IF;
  changed := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_lines'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_lines'
    ELSE 'SELECT *, -1 AS sign FROM old_lines UNION ALL SELECT *, 1 AS sign FROM new_lines'
  END;
  EXECUTE format(
    $q$SELECT array_agg(company_id), array_agg(month), array_agg(account_id), array_agg(value_currency), array_agg(currency),
              array_agg(purpose), array_agg(debit), array_agg(credit), array_agg(quantity_debit), array_agg(quantity_credit)
         FROM (SELECT l.company_id, date_trunc('month', e.date)::date AS month, l.account_id, l.value_currency, l.currency, e.purpose,
                      sum(l.sign * l.debit) AS debit, sum(l.sign * l.credit) AS credit,
                      coalesce(sum(l.sign * l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS quantity_debit,
                      coalesce(sum(l.sign * l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS quantity_credit
                 FROM (%s) l
                 JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
                WHERE e.status = 'posted'
                GROUP BY 1, 2, 3, 4, 5, 6) d$q$, changed)
    INTO c, m, a, v, k, p, dr, cr, qd, qc;
  IF c IS NOT NULL THEN
    PERFORM ledger_balances_apply(c, m, a, v, k, p, dr, cr, qd, qc);
  END IF;
  RETURN NULL;
END
$$;

-- The trigger functions run as their owner, past Row Level Security: under RLS the planner joins the
-- statement's transition rows to journal_entries row by row, evaluating the tenant policy on every entry of
-- the company for every line (seconds for a few thousand lines, and a cost that grows with the books). They
-- only read the rows the statement itself wrote (which passed the policy) and the entries those rows belong
-- to, and write balances for those same companies.
CREATE TRIGGER journal_entries_balances_update AFTER UPDATE ON journal_entries
  REFERENCING OLD TABLE AS old_entries NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_entries_posted();
CREATE TRIGGER journal_lines_balances_insert AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_lines_changed();
CREATE TRIGGER journal_lines_balances_update AFTER UPDATE ON journal_lines
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_lines_changed();
CREATE TRIGGER journal_lines_balances_delete AFTER DELETE ON journal_lines
  REFERENCING OLD TABLE AS old_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_lines_changed();

-- Backfill: the lines posted before this migration, one row per account-month.
INSERT INTO ledger_balances (company_id, month, account_id, value_currency, currency, purpose, debit, credit, quantity_debit, quantity_credit)
SELECT l.company_id, date_trunc('month', e.date)::date, l.account_id, l.value_currency, l.currency, e.purpose, sum(l.debit), sum(l.credit),
       coalesce(sum(l.amount_currency) FILTER (WHERE l.debit > 0), 0), coalesce(sum(l.amount_currency) FILTER (WHERE l.credit > 0), 0)
  FROM journal_lines l
  JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
 WHERE e.status = 'posted'
 GROUP BY 1, 2, 3, 4, 5, 6;

ALTER TABLE ledger_balances ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_balances USING (company_id = current_company_id())
  WITH CHECK (company_id = current_company_id());
