import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { ACCOUNT_TYPES } from './account-model.ts';
import { loadBooks } from './entry-lines.ts';
import { fromUnits, toUnits } from './money.ts';
import { validate } from './validate.ts';

export const trialBalanceQuery = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });

const row = z.object({
  accountId: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  debit: z.string(),
  credit: z.string(),
  /** Debit minus credit. */
  balance: z.string(),
});
export const trialBalanceSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  currency: z.string(),
  rows: z.array(row),
  totals: z.object({ debit: z.string(), credit: z.string() }),
});
export type TrialBalance = z.infer<typeof trialBalanceSchema>;

/**
 * Debits and credits per account over posted entries dated within [from, to] (both optional), summed
 * by PostgreSQL as exact numerics, in the base currency.
 */
export async function trialBalance(ctx: ServiceContext, raw: z.input<typeof trialBalanceQuery> = {}): Promise<TrialBalance> {
  const query = validate(trialBalanceQuery, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const books = await loadBooks(tx, ctx.companyId);
    const rows = await tx.query<{
      id: string;
      code: string;
      name: string;
      type: (typeof ACCOUNT_TYPES)[number];
      debit: string;
      credit: string;
    }>(
      `SELECT a.id, a.code, a.name, a.type, sum(l.debit) AS debit, sum(l.credit) AS credit
         FROM journal_lines l
         JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
         JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
        WHERE l.company_id = $1 AND e.status = 'posted'
          AND ($2::date IS NULL OR e.date >= $2::date) AND ($3::date IS NULL OR e.date <= $3::date)
        GROUP BY a.id, a.code, a.name, a.type
        ORDER BY a.code COLLATE "C"`,
      [ctx.companyId, query.from ?? null, query.to ?? null],
    );
    let debit = 0n;
    let credit = 0n;
    const out = rows.map((r) => {
      const d = toUnits(r.debit);
      const c = toUnits(r.credit);
      debit += d;
      credit += c;
      return {
        accountId: r.id,
        code: r.code,
        name: r.name,
        type: r.type,
        debit: fromUnits(d),
        credit: fromUnits(c),
        balance: fromUnits(d - c),
      };
    });
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      currency: books.baseCurrency,
      rows: out,
      totals: { debit: fromUnits(debit), credit: fromUnits(credit) },
    };
  });
}
