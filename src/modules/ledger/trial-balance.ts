import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { ACCOUNT_TYPES } from './account-model.ts';
import { accountTotals } from './balances/account-totals.ts';
import { loadBooks } from './entry-lines.ts';
import { fromValueUnits, toValueUnits } from './money.ts';
import { dimensionFilters, rangesInOrder } from './reports/report-model.ts';
import { validate } from './validate.ts';

export const trialBalanceFilters = { from: z.iso.date().optional(), to: z.iso.date().optional(), ...dimensionFilters };
export const trialBalanceRanges = [['from', 'to']] as const;
/** With a dimension filter only that dimension's lines count, so debits need not equal credits. */
export const trialBalanceQuery = z.strictObject(trialBalanceFilters).superRefine(rangesInOrder(...trialBalanceRanges));

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
    const totals = await accountTotals(tx, ctx.companyId, { baseCurrency: books.baseCurrency, ...query });
    const accounts = await tx.query<{ id: string; code: string; name: string; type: (typeof ACCOUNT_TYPES)[number] }>(
      'SELECT id, code, name, type FROM accounts WHERE company_id = $1 AND id = ANY ($2::uuid[]) ORDER BY code COLLATE "C"',
      [ctx.companyId, totals.map((t) => t.accountId)],
    );
    const byAccount = new Map(totals.map((t) => [t.accountId, t]));
    const rows = accounts.map((a) => ({ ...a, debit: byAccount.get(a.id)?.debit ?? '0', credit: byAccount.get(a.id)?.credit ?? '0' }));
    let debit = 0n;
    let credit = 0n;
    const out = rows.map((r) => {
      const d = toValueUnits(r.debit);
      const c = toValueUnits(r.credit);
      debit += d;
      credit += c;
      return {
        accountId: r.id,
        code: r.code,
        name: r.name,
        type: r.type,
        debit: fromValueUnits(d),
        credit: fromValueUnits(c),
        balance: fromValueUnits(d - c),
      };
    });
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      currency: books.baseCurrency,
      rows: out,
      totals: { debit: fromValueUnits(debit), credit: fromValueUnits(credit) },
    };
  });
}
