-- The balance triggers of 0103, rewritten so that PostgreSQL plans their statements once per connection
-- instead of on every posting: a LANGUAGE sql function is planned afresh at each call (before PostgreSQL 18)
-- and plpgsql's EXECUTE plans its text every time, while plpgsql caches the plans of its static
-- statements. Same rows in, same balances out; only the planning work goes (it was most of a posting's
-- database time on a two-core machine).

CREATE OR REPLACE FUNCTION ledger_balances_apply(
  p_company uuid[], p_month date[], p_account uuid[], p_value_currency text[], p_currency text[], p_purpose text[],
  p_debit numeric[], p_credit numeric[], p_quantity_debit numeric[], p_quantity_credit numeric[]
) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
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
  SELECT x.company_id, x.month, x.account_id, x.value_currency, x.currency, x.purpose, sum(x.debit), sum(x.credit), sum(x.quantity_debit),
         sum(x.quantity_credit)
    FROM (SELECT * FROM delta UNION ALL SELECT * FROM folded) x
   GROUP BY x.company_id, x.month, x.account_id, x.value_currency, x.currency, x.purpose;
END
$$;

-- One static statement per operation (each trigger has only its own transition tables, and plpgsql
-- prepares a statement when it first runs it, so a branch that names a table its trigger lacks never runs).
CREATE OR REPLACE FUNCTION ledger_balances_lines_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c uuid[]; m date[]; a uuid[]; v text[]; k text[]; p text[]; dr numeric[]; cr numeric[]; qd numeric[]; qc numeric[];
BEGIN
  IF ledger_balances_restoring() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(company_id), array_agg(month), array_agg(account_id), array_agg(value_currency), array_agg(currency),
           array_agg(purpose), array_agg(debit), array_agg(credit), array_agg(quantity_debit), array_agg(quantity_credit)
      INTO c, m, a, v, k, p, dr, cr, qd, qc
      FROM (SELECT l.company_id, date_trunc('month', e.date)::date AS month, l.account_id, l.value_currency, l.currency, e.purpose,
                   sum(l.debit) AS debit, sum(l.credit) AS credit,
                   coalesce(sum(l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS quantity_debit,
                   coalesce(sum(l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS quantity_credit
              FROM new_lines l
              JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
             WHERE e.status = 'posted'
             GROUP BY 1, 2, 3, 4, 5, 6) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(company_id), array_agg(month), array_agg(account_id), array_agg(value_currency), array_agg(currency),
           array_agg(purpose), array_agg(debit), array_agg(credit), array_agg(quantity_debit), array_agg(quantity_credit)
      INTO c, m, a, v, k, p, dr, cr, qd, qc
      FROM (SELECT l.company_id, date_trunc('month', e.date)::date AS month, l.account_id, l.value_currency, l.currency, e.purpose,
                   -sum(l.debit) AS debit, -sum(l.credit) AS credit,
                   -coalesce(sum(l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS quantity_debit,
                   -coalesce(sum(l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS quantity_credit
              FROM old_lines l
              JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
             WHERE e.status = 'posted'
             GROUP BY 1, 2, 3, 4, 5, 6) d;
  ELSE
    SELECT array_agg(company_id), array_agg(month), array_agg(account_id), array_agg(value_currency), array_agg(currency),
           array_agg(purpose), array_agg(debit), array_agg(credit), array_agg(quantity_debit), array_agg(quantity_credit)
      INTO c, m, a, v, k, p, dr, cr, qd, qc
      FROM (SELECT l.company_id, date_trunc('month', e.date)::date AS month, l.account_id, l.value_currency, l.currency, e.purpose,
                   sum(l.sign * l.debit) AS debit, sum(l.sign * l.credit) AS credit,
                   coalesce(sum(l.sign * l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS quantity_debit,
                   coalesce(sum(l.sign * l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS quantity_credit
              FROM (SELECT o.company_id, o.entry_id, o.account_id, o.value_currency, o.currency, o.debit, o.credit, o.amount_currency, -1 AS sign
                      FROM old_lines o
                    UNION ALL
                    SELECT n.company_id, n.entry_id, n.account_id, n.value_currency, n.currency, n.debit, n.credit, n.amount_currency, 1 AS sign
                      FROM new_lines n) l
              JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
             WHERE e.status = 'posted'
             GROUP BY 1, 2, 3, 4, 5, 6) d;
  END IF;
  IF c IS NOT NULL THEN
    PERFORM ledger_balances_apply(c, m, a, v, k, p, dr, cr, qd, qc);
  END IF;
  RETURN NULL;
END
$$;
