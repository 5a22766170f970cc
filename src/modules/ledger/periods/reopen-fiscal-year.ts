import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';
import { takeBooksLock } from '../books-lock.ts';
import { isCompanyAdmin, writeLockDates } from '../lock-date.ts';
import { checkYear, type FiscalYear, readFiscalYearRow } from './fiscal-year-model.ts';
import { describeYear } from './list-fiscal-years.ts';
import { reverseClosingEntry } from './reverse-closing-entry.ts';

/**
 * Reopens a closed fiscal year (admins only): the hard lock goes back to where the close found it (the
 * end of the previous closed year, or a date inside this year an accountant had locked, or none), the
 * closing entry is reversed by a linked closing entry of the same date, and the year is open again.
 * Later closed years must be reopened first, since reopening this one unlocks their dates too.
 */
export async function reopenFiscalYearIn(tx: Tx, companyId: string, actor: Actor, year: number): Promise<FiscalYear> {
  checkYear(year);
  if (!(await isCompanyAdmin(tx, companyId, actor))) throw forbidden('Only an admin can reopen a fiscal year');
  await takeBooksLock(tx, companyId);
  await tx.query('SELECT 1 FROM fiscal_years WHERE company_id = $1 AND year = $2 FOR UPDATE', [companyId, year]);
  const before = await readFiscalYearRow(tx, companyId, year);
  if (before?.status !== 'closed') throw new AppError('INVALID_STATE', `Fiscal year ${year} is not closed`);
  const [later] = await tx.query<{ year: number }>(
    `SELECT year FROM fiscal_years WHERE company_id = $1 AND status = 'closed' AND year > $2 ORDER BY year DESC LIMIT 1`,
    [companyId, year],
  );
  if (later) throw new AppError('INVALID_STATE', `Reopen fiscal year ${later.year} first: it is closed and comes after ${year}`);
  await writeLockDates(tx, companyId, actor, { lockDate: before.lock_date_before_close });
  const reversal = before.closing_entry_id ? await reverseClosingEntry(tx, companyId, actor, before.closing_entry_id) : null;
  await tx.query(
    `UPDATE fiscal_years SET status = 'open', closing_entry_id = NULL, closed_at = NULL, closed_by = NULL, closed_by_label = NULL,
            lock_date_before_close = NULL, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND year = $2`,
    [companyId, year],
  );
  await appendAudit(tx, companyId, actor, {
    action: 'ledger.fiscal_year.reopened',
    entityType: 'fiscal_year',
    entityId: String(year),
    before,
    after: { ...(await readFiscalYearRow(tx, companyId, year)), reversalEntryId: reversal?.id ?? null },
  });
  return describeYear(tx, companyId, year);
}

export function reopenFiscalYear(ctx: ServiceContext, year: number): Promise<FiscalYear> {
  return ctx.db.tenant(ctx.companyId, (tx) => reopenFiscalYearIn(tx, ctx.companyId, ctx.actor, year));
}
