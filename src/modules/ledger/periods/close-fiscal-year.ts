import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { forbidden } from '../../../platform/errors.ts';
import { takeBooksLock } from '../books-lock.ts';
import { loadBooks } from '../entry-lines.ts';
import { isCompanyAdmin, writeLockDates } from '../lock-date.ts';
import { validate } from '../validate.ts';
import { postClosingEntry } from './closing-entry.ts';
import { type CloseFiscalYearInput, type ClosingPreview, closeFiscalYearInput, planClosing } from './closing-plan.ts';
import { fiscalYearRange } from './fiscal-calendar.ts';
import { checkYear, type FiscalYear, lockFiscalYearRow, readFiscalYearRow } from './fiscal-year-model.ts';
import { describeYear } from './list-fiscal-years.ts';

/** What closing a year would post; refuses exactly as closing would. */
export function previewClosing(ctx: ServiceContext, year: number, raw: CloseFiscalYearInput = {}): Promise<ClosingPreview> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const input = validate(closeFiscalYearInput, raw);
    return planClosing(tx, ctx.companyId, await loadBooks(tx, ctx.companyId), checkYear(year), input);
  });
}

/** The next fiscal year gets its row, open, so the books visibly go on after a close. */
async function ensureOpenYear(tx: Tx, companyId: string, actor: Actor, year: number, startMonth: number): Promise<void> {
  const range = fiscalYearRange(year, startMonth);
  const created = await tx.query(
    `INSERT INTO fiscal_years (company_id, year, start_date, end_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING year`,
    [companyId, year, range.startDate, range.endDate],
  );
  if (created.length > 0) {
    await appendAudit(tx, companyId, actor, {
      action: 'ledger.fiscal_year.opened',
      entityType: 'fiscal_year',
      entityId: String(year),
      after: { year, ...range, status: 'open' },
    });
  }
}

/**
 * Closes a fiscal year inside the caller's transaction (admins, the system and the CLI only): posts one
 * closing entry moving the year's income and expense to retained earnings, marks the year closed, locks
 * the books up to its last day for everyone, and opens the next year. No opening entry is posted: the
 * balance-sheet accounts' balances are cumulative and carry forward on their own.
 */
export async function closeFiscalYearIn(
  tx: Tx,
  companyId: string,
  actor: Actor,
  year: number,
  raw: CloseFiscalYearInput = {},
): Promise<FiscalYear> {
  const input = validate(closeFiscalYearInput, raw);
  checkYear(year);
  if (!(await isCompanyAdmin(tx, companyId, actor))) throw forbidden('Only an admin can close a fiscal year');
  // The books alone (no posting in flight while the year closes); then the year's row, which serializes closes.
  await takeBooksLock(tx, companyId);
  const books = await loadBooks(tx, companyId, actor);
  const range = fiscalYearRange(year, books.fiscalYearStartMonth);
  const before = await lockFiscalYearRow(tx, companyId, year, range);
  const plan = await planClosing(tx, companyId, books, year, input);
  const entry = plan.lines.length === 0 ? null : await postClosingEntry(tx, companyId, actor, books, plan);
  await tx.query(
    `UPDATE fiscal_years SET status = 'closed', closing_entry_id = $3, closed_at = now(), closed_by = $4, closed_by_label = $5,
            lock_date_before_close = $6, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND year = $2`,
    [companyId, year, entry?.id ?? null, actor.userId, actor.label, books.lockDate],
  );
  const after = await readFiscalYearRow(tx, companyId, year);
  await appendAudit(tx, companyId, actor, {
    action: 'ledger.fiscal_year.closed',
    entityType: 'fiscal_year',
    entityId: String(year),
    before,
    after: { ...after, result: plan.result, retainedEarningsAccountId: plan.retainedEarnings.id },
  });
  await writeLockDates(tx, companyId, actor, { lockDate: range.endDate });
  await ensureOpenYear(tx, companyId, actor, year + 1, books.fiscalYearStartMonth);
  return describeYear(tx, companyId, year);
}

/** `closeFiscalYearIn` in a transaction of its own. */
export function closeFiscalYear(ctx: ServiceContext, year: number, raw: CloseFiscalYearInput = {}): Promise<FiscalYear> {
  return ctx.db.tenant(ctx.companyId, (tx) => closeFiscalYearIn(tx, ctx.companyId, ctx.actor, year, raw));
}
