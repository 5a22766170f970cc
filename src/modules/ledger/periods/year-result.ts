import type { Tx } from '../../../platform/db/database.ts';
import { accountTotals } from '../balances/account-totals.ts';
import { toValueUnits } from '../money.ts';

export interface ProfitAndLossBalance {
  accountId: string;
  code: string;
  name: string;
  /** Debit minus credit over the range, in units of 10^-10 of the base currency. */
  balance: bigint;
}

/**
 * Each income and expense account's balance over a date range, closing entries left out: what a year
 * earned, before its close moved it. Accounts with a zero balance are left out.
 */
export async function profitAndLossBalances(
  tx: Tx,
  companyId: string,
  baseCurrency: string,
  range: { startDate: string; endDate: string },
): Promise<ProfitAndLossBalance[]> {
  const totals = await accountTotals(tx, companyId, {
    baseCurrency,
    from: range.startDate,
    to: range.endDate,
    excludePurposes: ['closing'],
  });
  const accounts = await tx.query<{ id: string; code: string; name: string }>(
    `SELECT id, code, name FROM accounts
      WHERE company_id = $1 AND id = ANY ($2::uuid[]) AND type IN ('income', 'expense') ORDER BY code COLLATE "C"`,
    [companyId, totals.map((t) => t.accountId)],
  );
  const byId = new Map(totals.map((t) => [t.accountId, toValueUnits(t.debit) - toValueUnits(t.credit)]));
  return accounts
    .map((a) => ({ accountId: a.id, code: a.code, name: a.name, balance: byId.get(a.id) ?? 0n }))
    .filter((a) => a.balance !== 0n);
}

/** Income minus expenses: the negated sum of the debit-minus-credit balances (a loss is negative). */
export const resultOf = (balances: readonly ProfitAndLossBalance[]): bigint => -balances.reduce((sum, b) => sum + b.balance, 0n);
