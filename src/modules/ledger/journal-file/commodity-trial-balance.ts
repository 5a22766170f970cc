import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import { planRange } from '../balances/account-totals.ts';
import { formatDecimal } from '../money.ts';
import { validate } from '../validate.ts';

export const commodityTrialBalanceQuery = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });

export const commodityTrialBalanceRow = z.object({
  /** The account's code: for an imported journal, its full name (`Assets:Bank:Checking`). */
  account: z.string(),
  commodity: z.string(),
  /** Sum of the amounts posted to the debit side, in the commodity's own units (not converted). */
  debit: z.string(),
  credit: z.string(),
  /** debit − credit. */
  balance: z.string(),
});
export type CommodityTrialBalanceRow = z.infer<typeof commodityTrialBalanceRow>;

/** $1 company. Every line has a positive value, so a group whose values sum to zero has no line. */
const LINES = `
  SELECT l.account_id, l.currency, l.debit AS value_debit, l.credit AS value_credit,
         CASE WHEN l.debit > 0 THEN l.amount_currency ELSE 0 END AS debit,
         CASE WHEN l.credit > 0 THEN l.amount_currency ELSE 0 END AS credit
    FROM journal_entries e JOIN journal_lines l ON l.company_id = e.company_id AND l.entry_id = e.id
   WHERE e.company_id = $1 AND e.status = 'posted'`;

const BALANCES = `
  SELECT b.account_id, b.currency, b.debit AS value_debit, b.credit AS value_credit, b.quantity_debit AS debit, b.quantity_credit AS credit
    FROM ledger_balances b
   WHERE b.company_id = $1`;

/**
 * The trial balance as plain-text accounting sees it: one row per account and commodity with postings in
 * [from, to], amounts in the commodity itself (a line of 10 ACME bought @ $50 counts 10 ACME, as in
 * `hledger balance`), ordered by account then commodity (code-unit order, like hledger). Whole months are
 * read from the stored balances, the days at the edges of [from, to] from the lines (see accountTotals).
 */
export async function commodityTrialBalance(
  ctx: ServiceContext,
  raw: z.input<typeof commodityTrialBalanceQuery> = {},
): Promise<CommodityTrialBalanceRow[]> {
  const query = validate(commodityTrialBalanceQuery, raw);
  const params: unknown[] = [ctx.companyId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const plan = planRange(query.from, query.to);
  const parts: string[] = [];
  if (plan === null) {
    const [from, to] = [param(query.from ?? null), param(query.to ?? null)];
    parts.push(`${LINES} AND (${from}::date IS NULL OR e.date >= ${from}::date) AND (${to}::date IS NULL OR e.date <= ${to}::date)`);
  } else {
    if (plan.months) {
      const { first, past } = plan.months;
      parts.push(`${BALANCES}${first ? ` AND b.month >= ${param(first)}::date` : ''}${past ? ` AND b.month < ${param(past)}::date` : ''}`);
    }
    for (const edge of plan.edges) parts.push(`${LINES} AND e.date >= ${param(edge.from)}::date AND e.date <= ${param(edge.to)}::date`);
  }
  if (parts.length === 0) return [];
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<{ account: string; commodity: string; debit: string; credit: string; balance: string }>(
      `SELECT a.code AS account, t.currency AS commodity, t.debit, t.credit, t.debit - t.credit AS balance
         FROM (SELECT account_id, currency, sum(debit) AS debit, sum(credit) AS credit
                 FROM (${parts.join(' UNION ALL ')}) amounts
                GROUP BY account_id, currency HAVING sum(value_debit) <> 0 OR sum(value_credit) <> 0) t
         JOIN accounts a ON a.company_id = $1 AND a.id = t.account_id
        ORDER BY a.code COLLATE "C", t.currency COLLATE "C"`,
      params,
    ),
  );
  return rows.map((r) => ({
    account: r.account,
    commodity: r.commodity,
    debit: formatDecimal(r.debit),
    credit: formatDecimal(r.credit),
    balance: formatDecimal(r.balance),
  }));
}
