import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { fiscalYearOf, loadBooks } from '../entry-lines.ts';
import { type LockDates, readLockDates } from '../lock-date.ts';
import { fromValueUnits } from '../money.ts';
import { fiscalPeriods, fiscalYearRange, today } from './fiscal-calendar.ts';
import { type FiscalYear, type FiscalYearRow, findFiscalYearRows, type PERIOD_LOCKS } from './fiscal-year-model.ts';
import { profitAndLossBalances, resultOf } from './year-result.ts';

function lockOf(range: { startDate: string; endDate: string }, locks: LockDates): (typeof PERIOD_LOCKS)[number] {
  const covers = (lock: string | null) => lock !== null && range.endDate <= lock;
  const touches = (lock: string | null) => lock !== null && range.startDate <= lock;
  if (covers(locks.lockDate)) return 'everyone';
  if (covers(locks.periodLockDate)) return 'exceptAdmins';
  if (touches(locks.lockDate) || touches(locks.periodLockDate)) return 'partly';
  return 'open';
}

/** The given years (all with rows, entries and the current one when left out), newest first. */
async function describeYears(tx: Tx, companyId: string, only?: number): Promise<FiscalYear[]> {
  const books = await loadBooks(tx, companyId);
  const locks = await readLockDates(tx, companyId);
  const rows = await findFiscalYearRows(tx, companyId);
  const withEntries = await tx.query<{ fiscal_year: number }>('SELECT DISTINCT fiscal_year FROM journal_entries WHERE company_id = $1', [
    companyId,
  ]);
  const years =
    only === undefined
      ? new Set([...rows.map((r) => r.year), ...withEntries.map((r) => r.fiscal_year), fiscalYearOf(today(), books.fiscalYearStartMonth)])
      : new Set([only]);
  const described: FiscalYear[] = [];
  for (const year of [...years].sort((a, b) => b - a)) {
    const row: FiscalYearRow | undefined = rows.find((r) => r.year === year);
    const range = fiscalYearRange(year, books.fiscalYearStartMonth);
    const balances = await profitAndLossBalances(tx, companyId, books.baseCurrency, range);
    described.push({
      year,
      startDate: row?.start_date ?? range.startDate,
      endDate: row?.end_date ?? range.endDate,
      status: row?.status ?? 'open',
      result: fromValueUnits(resultOf(balances)),
      currency: books.baseCurrency,
      closingEntryId: row?.closing_entry_id ?? null,
      closedAt: row?.closed_at ?? null,
      closedBy: row?.closed_by_label ?? null,
      periods: fiscalPeriods(year, books.fiscalYearStartMonth).map((p) => ({ ...p, lock: lockOf(p, locks) })),
    });
  }
  return described;
}

export async function describeYear(tx: Tx, companyId: string, year: number): Promise<FiscalYear> {
  const [described] = await describeYears(tx, companyId, year);
  if (!described) throw new Error(`fiscal year ${year} could not be described`);
  return described;
}

/**
 * The fiscal years that matter, newest first: every year with a row (closed, or opened by a close), every
 * year with entries, and the current one; each with its result and its monthly periods' locks.
 */
export function listFiscalYears(ctx: ServiceContext): Promise<FiscalYear[]> {
  return ctx.db.tenant(ctx.companyId, (tx) => describeYears(tx, ctx.companyId));
}
