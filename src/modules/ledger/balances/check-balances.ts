import { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { ENTRY_PURPOSES } from '../entry-model.ts';

const sums = z.object({ debit: z.string(), credit: z.string() });

/** One account-month whose stored balance is not the sum of its posted lines. */
export const balanceDifferenceSchema = z.object({
  accountId: z.uuid(),
  accountCode: z.string(),
  /** YYYY-MM */
  month: z.string(),
  valueCurrency: z.string(),
  purpose: z.enum(ENTRY_PURPOSES),
  stored: sums,
  computed: sums,
});
export type BalanceDifference = z.infer<typeof balanceDifferenceSchema>;

export const balanceCheckSchema = z.object({
  consistent: z.boolean(),
  /** Account-months compared (stored or computed). */
  checked: z.number(),
  differences: z.array(balanceDifferenceSchema),
  /** Whether the differences were corrected (with `rebuild`). */
  rebuilt: z.boolean(),
});
export type BalanceCheck = z.infer<typeof balanceCheckSchema>;

export type CheckBalancesOptions = {
  /** Called after each year checked. */
  onProgress?: (done: number, total: number, label: string) => void;
} & ({ rebuild?: false } | { rebuild: true; actor: Actor });

/**
 * Recomputes every balance row of the company from its posted lines, a year at a time, and returns the
 * account-months where the stored sums differ. With `rebuild`, each difference is corrected in the same
 * statement that finds it and the correction is audited.
 *
 * A correction is a row holding (computed − stored), read from one snapshot, rather than a rewrite of the
 * rows: postings running meanwhile add and fold rows of their own (migration 0103) and keep the sum right,
 * so adding what the snapshot was missing stays right whatever they commit before or after it.
 */
export async function checkBalances(tx: Tx, companyId: string, options: CheckBalancesOptions = {}): Promise<BalanceCheck> {
  const rebuild = options.rebuild === true;
  const years = (
    await tx.query<{ year: number }>(
      `SELECT DISTINCT year FROM (
         SELECT extract(year FROM month)::int AS year FROM ledger_balances WHERE company_id = $1
         UNION ALL
         SELECT extract(year FROM date)::int FROM journal_entries WHERE company_id = $1 AND status = 'posted') y
        ORDER BY year`,
      [companyId],
    )
  ).map((r) => r.year);
  const differences: BalanceDifference[] = [];
  let checked = 0;
  for (const [i, year] of years.entries()) {
    const rows = await tx.query<DifferenceRow>(COMPARE_YEAR, [companyId, `${String(year).padStart(4, '0')}-01-01`, rebuild]);
    checked += Number(rows[0]?.checked ?? 0);
    for (const row of rows) {
      if (row.account_id === null) continue;
      differences.push({
        accountId: row.account_id,
        accountCode: row.account_code,
        month: row.month,
        valueCurrency: row.value_currency,
        purpose: row.purpose,
        stored: { debit: row.stored_debit, credit: row.stored_credit },
        computed: { debit: row.computed_debit, credit: row.computed_credit },
      });
    }
    options.onProgress?.(i + 1, years.length, String(year));
  }
  if (options.rebuild === true && differences.length > 0) {
    await appendAudit(tx, companyId, options.actor, {
      action: 'ledger.balances.rebuilt',
      entityType: 'ledger_balances',
      before: differences.map((d) => ({
        accountCode: d.accountCode,
        month: d.month,
        valueCurrency: d.valueCurrency,
        purpose: d.purpose,
        ...d.stored,
      })),
      after: differences.map((d) => ({
        accountCode: d.accountCode,
        month: d.month,
        valueCurrency: d.valueCurrency,
        purpose: d.purpose,
        ...d.computed,
      })),
    });
  }
  return { consistent: differences.length === 0, checked, differences, rebuilt: rebuild && differences.length > 0 };
}

/** `checkBalances` for the acting company, in a transaction of its own (read only). */
export function checkLedgerBalances(ctx: ServiceContext): Promise<BalanceCheck> {
  return ctx.db.tenant(ctx.companyId, (tx) => checkBalances(tx, ctx.companyId));
}

interface DifferenceRow {
  checked: string;
  account_id: string | null;
  account_code: string;
  month: string;
  value_currency: string;
  purpose: BalanceDifference['purpose'];
  stored_debit: string;
  stored_credit: string;
  computed_debit: string;
  computed_credit: string;
}

/**
 * $1 company, $2 January 1st of the year, $3 rebuild. One statement, so stored and computed sums come from
 * one snapshot. Returns the differences, or a single row with a null account when there are none, each row
 * carrying the number of account-months compared.
 */
const COMPARE_YEAR = `
  WITH stored AS (
    SELECT month, account_id, value_currency, purpose, sum(debit) AS debit, sum(credit) AS credit
      FROM ledger_balances
     WHERE company_id = $1 AND month >= $2::date AND month < ($2::date + interval '1 year')
     GROUP BY month, account_id, value_currency, purpose
  ),
  computed AS (
    SELECT date_trunc('month', e.date)::date AS month, l.account_id, l.value_currency, e.purpose,
           sum(l.debit) AS debit, sum(l.credit) AS credit
      FROM journal_entries e
      JOIN journal_lines l ON l.company_id = e.company_id AND l.entry_id = e.id
     WHERE e.company_id = $1 AND e.status = 'posted' AND e.date >= $2::date AND e.date < ($2::date + interval '1 year')
     GROUP BY 1, 2, 3, 4
  ),
  compared AS (
    SELECT month, account_id, value_currency, purpose,
           coalesce(s.debit, 0) AS stored_debit, coalesce(s.credit, 0) AS stored_credit,
           coalesce(c.debit, 0) AS computed_debit, coalesce(c.credit, 0) AS computed_credit
      FROM stored s FULL JOIN computed c USING (month, account_id, value_currency, purpose)
  ),
  differing AS (
    SELECT * FROM compared WHERE stored_debit <> computed_debit OR stored_credit <> computed_credit
  ),
  corrected AS (
    INSERT INTO ledger_balances (company_id, month, account_id, value_currency, purpose, debit, credit)
    SELECT $1, month, account_id, value_currency, purpose, computed_debit - stored_debit, computed_credit - stored_credit
      FROM differing WHERE $3::boolean
  )
  SELECT (SELECT count(*) FROM compared) AS checked, d.account_id, a.code AS account_code, to_char(d.month, 'YYYY-MM') AS month,
         d.value_currency, d.purpose,
         d.stored_debit::numeric(30, 10)::text AS stored_debit, d.stored_credit::numeric(30, 10)::text AS stored_credit,
         d.computed_debit::numeric(30, 10)::text AS computed_debit, d.computed_credit::numeric(30, 10)::text AS computed_credit
    FROM (SELECT 1) one
    LEFT JOIN (differing d JOIN accounts a ON a.company_id = $1 AND a.id = d.account_id) ON true
   ORDER BY a.code, d.month, d.value_currency, d.purpose`;
