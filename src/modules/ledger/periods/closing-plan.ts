import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { Books } from '../entry-lines.ts';
import { fromValueUnits } from '../money.ts';
import { fiscalYearRange } from './fiscal-calendar.ts';
import { profitAndLossBalances, resultOf } from './year-result.ts';

/**
 * The closing entry goes to the OPE (opening) journal: year-end entries get their own number series, so
 * closing and reopening never interleave numbers into the general journal, and an auditor finds every
 * closing and its reversals in one place. Reports recognise it by its purpose (`closing`), not its journal.
 */
export const CLOSING_JOURNAL = 'OPE';

export const closeFiscalYearInput = z.strictObject({
  /** Required only when the chart has no single account of subtype `retained_earnings`. */
  retainedEarningsAccountId: z.uuid().optional(),
});
export type CloseFiscalYearInput = z.input<typeof closeFiscalYearInput>;

const closingLine = z.object({
  accountId: z.uuid(),
  accountCode: z.string(),
  accountName: z.string(),
  debit: z.string(),
  credit: z.string(),
});

export const closingPreviewSchema = z.object({
  year: z.number(),
  date: z.string(),
  journalCode: z.string(),
  currency: z.string(),
  /** Income minus expenses of the year (negative: a loss), moved to retained earnings. */
  result: z.string(),
  retainedEarnings: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  /** Empty when the year had no income or expense: it closes without an entry. */
  lines: z.array(closingLine),
});
export type ClosingPreview = z.infer<typeof closingPreviewSchema>;

async function retainedEarningsAccount(tx: Tx, companyId: string, chosen: string | undefined) {
  const path = 'retainedEarningsAccountId';
  const accounts = await tx.query<{ id: string; code: string; name: string; type: string; archived: boolean }>(
    `SELECT id, code, name, type, archived_at IS NOT NULL AS archived FROM accounts
      WHERE company_id = $1 AND (id = $2::uuid OR ($2::uuid IS NULL AND subtype = 'retained_earnings' AND archived_at IS NULL))
      ORDER BY code COLLATE "C"`,
    [companyId, chosen ?? null],
  );
  const [account] = accounts;
  if (chosen !== undefined) {
    if (!account)
      throw new AppError('VALIDATION_FAILED', 'Choose an account of this company', [
        { path, message: 'is not an account of this company' },
      ]);
    if (account.type !== 'equity' || account.archived) {
      throw new AppError('VALIDATION_FAILED', 'Choose an active equity account', [
        { path, message: `account ${account.code} is not an active equity account` },
      ]);
    }
    return account;
  }
  if (!account) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The chart has no retained earnings account; choose the equity account that receives the result',
      [{ path, message: 'is required: no account has the subtype retained_earnings' }],
    );
  }
  if (accounts.length > 1) {
    throw new AppError('VALIDATION_FAILED', 'Several accounts are retained earnings accounts; choose the one that receives the result', [
      { path, message: `is required: ${accounts.map((a) => a.code).join(', ')} all have the subtype retained_earnings` },
    ]);
  }
  return account;
}

/** Refuses, naming what is in the way, a year that can't be closed now. */
async function assertClosable(tx: Tx, companyId: string, books: Books, year: number, range: { startDate: string; endDate: string }) {
  const [row] = await tx.query<{ status: string }>('SELECT status FROM fiscal_years WHERE company_id = $1 AND year = $2', [
    companyId,
    year,
  ]);
  if (row?.status === 'closed') throw new AppError('INVALID_STATE', `Fiscal year ${year} is already closed`);
  const [later] = await tx.query<{ year: number }>(
    `SELECT year FROM fiscal_years WHERE company_id = $1 AND status = 'closed' AND year > $2 ORDER BY year LIMIT 1`,
    [companyId, year],
  );
  if (later) throw new AppError('INVALID_STATE', `Fiscal year ${later.year} is closed; a year before it can't be closed after it`);
  // Closing a year locks every date up to its end, so an earlier open year could never be closed later.
  const earlier = await tx.query<{ fiscal_year: number }>(
    `SELECT DISTINCT e.fiscal_year FROM journal_entries e
      WHERE e.company_id = $1 AND e.status = 'posted' AND e.date < $2
        AND NOT EXISTS (SELECT 1 FROM fiscal_years f WHERE f.company_id = e.company_id AND f.year = e.fiscal_year AND f.status = 'closed')
      ORDER BY e.fiscal_year`,
    [companyId, range.startDate],
  );
  if (earlier.length > 0) {
    throw new AppError(
      'INVALID_STATE',
      `Close fiscal year ${earlier.map((e) => e.fiscal_year).join(', ')} first: it has posted entries and is still open`,
    );
  }
  const drafts = await tx.query<{ id: string; journal_code: string; date: string; memo: string | null }>(
    `SELECT e.id, j.code AS journal_code, e.date::text AS date, e.memo
       FROM journal_entries e JOIN journals j ON j.company_id = e.company_id AND j.id = e.journal_id
      WHERE e.company_id = $1 AND e.status = 'draft' AND e.date BETWEEN $2 AND $3 ORDER BY e.date, e.id`,
    [companyId, range.startDate, range.endDate],
  );
  if (drafts.length > 0) {
    const named: FieldError[] = drafts.map((d, i) => ({
      path: `drafts.${i}`,
      message: `draft ${d.journal_code} entry of ${d.date}${d.memo ? ` “${d.memo}”` : ''} (${d.id})`,
    }));
    throw new AppError(
      'INVALID_STATE',
      `Post or delete the ${drafts.length} draft entries dated in fiscal year ${year} before closing it`,
      named,
    );
  }
  if (books.lockDate !== null && books.lockDate >= range.endDate) {
    throw new AppError('INVALID_STATE', `The books are locked up to ${books.lockDate}, past the last day of fiscal year ${year}`, [
      { path: 'lockDate', message: `must be before ${range.endDate} for the closing entry to be posted` },
    ]);
  }
}

/**
 * What closing a year would post, after every check closing makes: one line per income and expense
 * account emptying its balance for the year, and the opposite total to retained earnings. Balance-sheet
 * accounts are not touched: their balances are cumulative, so they carry into the next year by
 * themselves and no opening entry is needed.
 */
export async function planClosing(
  tx: Tx,
  companyId: string,
  books: Books,
  year: number,
  input: z.output<typeof closeFiscalYearInput>,
): Promise<ClosingPreview> {
  const range = fiscalYearRange(year, books.fiscalYearStartMonth);
  await assertClosable(tx, companyId, books, year, range);
  const [journal] = await tx.query('SELECT 1 FROM journals WHERE company_id = $1 AND code = $2', [companyId, CLOSING_JOURNAL]);
  if (!journal) throw new AppError('INVALID_STATE', `There is no ${CLOSING_JOURNAL} journal for the closing entry; add it first`);
  const retained = await retainedEarningsAccount(tx, companyId, input.retainedEarningsAccountId);
  const balances = await profitAndLossBalances(tx, companyId, books.baseCurrency, range);
  const result = resultOf(balances);
  const side = (units: bigint) =>
    units > 0n ? { debit: fromValueUnits(units), credit: '0.00' } : { debit: '0.00', credit: fromValueUnits(-units) };
  const lines = balances.map((b) => ({ accountId: b.accountId, accountCode: b.code, accountName: b.name, ...side(-b.balance) }));
  if (result !== 0n) lines.push({ accountId: retained.id, accountCode: retained.code, accountName: retained.name, ...side(-result) });
  return {
    year,
    date: range.endDate,
    journalCode: CLOSING_JOURNAL,
    currency: books.baseCurrency,
    result: fromValueUnits(result),
    retainedEarnings: { id: retained.id, code: retained.code, name: retained.name },
    lines,
  };
}
