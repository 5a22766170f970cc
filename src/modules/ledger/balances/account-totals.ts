import type { Tx } from '../../../platform/db/database.ts';
import { currencyNames } from '../currency-symbols.ts';
import type { EntryPurpose } from '../entry-model.ts';

/** Which posted lines to add up. Dates are inclusive; dimensions filter lines by their code. */
export interface AccountTotalsQuery {
  baseCurrency: string;
  from?: string | undefined;
  to?: string | undefined;
  costCenter?: string | undefined;
  project?: string | undefined;
  department?: string | undefined;
  /** Leave out entries made for these purposes (e.g. `closing` for a year's profit and loss). */
  excludePurposes?: readonly EntryPurpose[];
}

/** Debits and credits of one account in the base currency, as exact numeric strings. */
export interface AccountTotal {
  accountId: string;
  debit: string;
  credit: string;
}

/**
 * Per-account totals of posted lines valued in the base currency (lines of imported journals valued in
 * another commodity are not part of base-currency reports). The one place reports read balances from.
 */
export async function accountTotals(tx: Tx, companyId: string, query: AccountTotalsQuery): Promise<AccountTotal[]> {
  const rows = await tx.query<{ account_id: string; debit: string; credit: string }>(
    `SELECT l.account_id, sum(l.debit) AS debit, sum(l.credit) AS credit
       FROM journal_lines l
       JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
      WHERE l.company_id = $1 AND e.status = 'posted' AND l.value_currency = ANY ($2::text[])
        AND ($3::date IS NULL OR e.date >= $3::date) AND ($4::date IS NULL OR e.date <= $4::date)
        AND ($5::text IS NULL OR l.cost_center = $5) AND ($6::text IS NULL OR l.project = $6)
        AND ($7::text IS NULL OR l.department = $7)
        AND NOT (e.purpose = ANY ($8::text[]))
      GROUP BY l.account_id`,
    [
      companyId,
      currencyNames(query.baseCurrency),
      query.from ?? null,
      query.to ?? null,
      query.costCenter ?? null,
      query.project ?? null,
      query.department ?? null,
      query.excludePurposes ?? [],
    ],
  );
  return rows.map((r) => ({ accountId: r.account_id, debit: r.debit, credit: r.credit }));
}
