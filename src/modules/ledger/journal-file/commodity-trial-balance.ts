import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
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

/**
 * The trial balance as plain-text accounting sees it: one row per account and commodity with postings in
 * [from, to], amounts in the commodity itself (a line of 10 ACME bought @ $50 counts 10 ACME, as in
 * `hledger balance`), ordered by account then commodity (code-unit order, like hledger).
 */
export async function commodityTrialBalance(
  ctx: ServiceContext,
  raw: z.input<typeof commodityTrialBalanceQuery> = {},
): Promise<CommodityTrialBalanceRow[]> {
  const query = validate(commodityTrialBalanceQuery, raw);
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<{ account: string; commodity: string; debit: string; credit: string; balance: string }>(
      `SELECT a.code AS account, t.currency AS commodity, t.debit, t.credit, t.debit - t.credit AS balance
         FROM (SELECT l.account_id, l.currency,
                      coalesce(sum(l.amount_currency) FILTER (WHERE l.debit > 0), 0) AS debit,
                      coalesce(sum(l.amount_currency) FILTER (WHERE l.credit > 0), 0) AS credit
                 FROM journal_lines l JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
                WHERE l.company_id = $1 AND e.status = 'posted'
                  AND ($2::date IS NULL OR e.date >= $2::date) AND ($3::date IS NULL OR e.date <= $3::date)
                GROUP BY l.account_id, l.currency) t
         JOIN accounts a ON a.company_id = $1 AND a.id = t.account_id
        ORDER BY a.code COLLATE "C", t.currency COLLATE "C"`,
      [ctx.companyId, query.from ?? null, query.to ?? null],
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
