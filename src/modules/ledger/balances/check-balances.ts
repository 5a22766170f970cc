import { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { ENTRY_PURPOSES } from '../entry-model.ts';

/** Sums of values (debit, credit) and of the lines' own amounts on each side (quantityDebit, quantityCredit). */
const sums = z.object({ debit: z.string(), credit: z.string(), quantityDebit: z.string(), quantityCredit: z.string() });

/** One account-month whose stored balance is not the sum of its posted lines. */
export const balanceDifferenceSchema = z.object({
  accountId: z.uuid(),
  accountCode: z.string(),
  /** YYYY-MM */
  month: z.string(),
  valueCurrency: z.string(),
  /** The lines' own currency or commodity. */
  currency: z.string(),
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
        currency: row.currency,
        purpose: row.purpose,
        stored: {
          debit: row.stored_debit,
          credit: row.stored_credit,
          quantityDebit: row.stored_quantity_debit,
          quantityCredit: row.stored_quantity_credit,
        },
        computed: {
          debit: row.computed_debit,
          credit: row.computed_credit,
          quantityDebit: row.computed_quantity_debit,
          quantityCredit: row.computed_quantity_credit,
        },
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
        currency: d.currency,
        purpose: d.purpose,
        ...d.stored,
      })),
      after: differences.map((d) => ({
        accountCode: d.accountCode,
        month: d.month,
        valueCurrency: d.valueCurrency,
        currency: d.currency,
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
  currency: string;
  purpose: BalanceDifference['purpose'];
  stored_debit: string;
  stored_credit: string;
  stored_quantity_debit: string;
  stored_quantity_credit: string;
  computed_debit: string;
  computed_credit: string;
  computed_quantity_debit: string;
  computed_quantity_credit: string;
}

/**
 * $1 company, $2 January 1st of the year, $3 rebuild. One statement, so stored and computed sums come from
 * one snapshot. Returns the differences, or a single row with a null account when there are none, each row
 * carrying the number of account-months compared.
 */
const KEY = 'month, account_id, value_currency, currency, purpose';
const SUMS = ['debit', 'credit', 'quantity_debit', 'quantity_credit'] as const;
const COMPARE_YEAR = `
  WITH stored AS (
    SELECT ${KEY}, ${SUMS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
      FROM ledger_balances
     WHERE company_id = $1 AND month >= $2::date AND month < ($2::date + interval '1 year')
     GROUP BY ${KEY}
  ),
  computed AS (
    SELECT date_trunc('month', e.date)::date AS month, l.account_id, l.value_currency, l.currency, e.purpose,
           sum(l.debit) AS debit, sum(l.credit) AS credit,
           coalesce(sum(l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS quantity_debit,
           coalesce(sum(l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS quantity_credit
      FROM journal_entries e
      JOIN journal_lines l ON l.company_id = e.company_id AND l.entry_id = e.id
     WHERE e.company_id = $1 AND e.status = 'posted' AND e.date >= $2::date AND e.date < ($2::date + interval '1 year')
     GROUP BY 1, 2, 3, 4, 5
  ),
  compared AS (
    SELECT ${KEY},
           ${SUMS.map((c) => `coalesce(s.${c}, 0) AS stored_${c}, coalesce(c.${c}, 0) AS computed_${c}`).join(',\n           ')}
      FROM stored s FULL JOIN computed c USING (${KEY})
  ),
  differing AS (
    SELECT * FROM compared WHERE ${SUMS.map((c) => `stored_${c} <> computed_${c}`).join(' OR ')}
  ),
  corrected AS (
    INSERT INTO ledger_balances (company_id, ${KEY}, ${SUMS.join(', ')})
    SELECT $1, ${KEY}, ${SUMS.map((c) => `computed_${c} - stored_${c}`).join(', ')}
      FROM differing WHERE $3::boolean
  )
  SELECT (SELECT count(*) FROM compared) AS checked, d.account_id, a.code AS account_code, to_char(d.month, 'YYYY-MM') AS month,
         d.value_currency, d.currency, d.purpose,
         ${SUMS.map((c) => `d.stored_${c}::numeric(40, 10)::text AS stored_${c}, d.computed_${c}::numeric(40, 10)::text AS computed_${c}`).join(',\n         ')}
    FROM (SELECT 1) one
    LEFT JOIN (differing d JOIN accounts a ON a.company_id = $1 AND a.id = d.account_id) ON true
   ORDER BY a.code, d.month, d.value_currency, d.currency, d.purpose`;
