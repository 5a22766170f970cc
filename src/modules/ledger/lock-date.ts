import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { takeBooksLock } from './books-lock.ts';
import { validate } from './validate.ts';

export const lockDateSchema = z.object({ lockDate: z.string().nullable() });
export const setLockDateInput = z.strictObject({ lockDate: z.iso.date().nullable() });
export type LockDate = z.infer<typeof lockDateSchema>;

/** Both locks: the hard one (everyone) and the period one (everyone but admins). */
export const lockDatesSchema = z.object({ lockDate: z.string().nullable(), periodLockDate: z.string().nullable() });
/** Either or both; a date locks up to and including it, null removes the lock, a left-out one is unchanged. */
export const setLockDatesInput = z.strictObject({
  lockDate: z.iso.date().nullable().optional(),
  periodLockDate: z.iso.date().nullable().optional(),
});
export type LockDates = z.infer<typeof lockDatesSchema>;
export type LockDatesChange = z.output<typeof setLockDatesInput>;

export async function readLockDates(tx: Tx, companyId: string): Promise<LockDates> {
  const [row] = await tx.query<{ lock_date: string | null; period_lock_date: string | null }>(
    'SELECT lock_date::text AS lock_date, period_lock_date::text AS period_lock_date FROM ledger_settings WHERE company_id = $1',
    [companyId],
  );
  return { lockDate: row?.lock_date ?? null, periodLockDate: row?.period_lock_date ?? null };
}

/** Admins of the company, and the system and CLI (acting without a user), may do what others may not. */
export async function isCompanyAdmin(tx: Tx, companyId: string, actor: Actor): Promise<boolean> {
  if (actor.userId === null) return true;
  const [row] = await tx.query<{ admin: boolean }>(
    `SELECT 'admin' = ANY (roles) AS admin FROM memberships WHERE company_id = $1 AND user_id = $2 AND deactivated_at IS NULL`,
    [companyId, actor.userId],
  );
  return row?.admin === true;
}

/** A lock moves back when it unlocks days that were locked: an earlier date, or none at all. */
const movesBack = (before: string | null, after: string | null): boolean => before !== null && (after === null || after < before);

/**
 * Writes the lock dates and audits the change, in the caller's transaction, without permission checks
 * (closing and reopening a year call it after their own). It takes the books lock alone first, so no
 * posting that read the old dates is still in flight when the new ones commit (see books-lock.ts).
 */
export async function writeLockDates(tx: Tx, companyId: string, actor: Actor, change: LockDatesChange): Promise<LockDates> {
  await takeBooksLock(tx, companyId);
  const before = await readLockDates(tx, companyId);
  const next = {
    lockDate: change.lockDate === undefined ? before.lockDate : change.lockDate,
    periodLockDate: change.periodLockDate === undefined ? before.periodLockDate : change.periodLockDate,
  };
  await tx.query(
    `INSERT INTO ledger_settings (company_id, lock_date, period_lock_date) VALUES ($1, $2, $3)
     ON CONFLICT (company_id) DO UPDATE SET lock_date = excluded.lock_date, period_lock_date = excluded.period_lock_date,
                                            version = ledger_settings.version + 1, updated_at = now()`,
    [companyId, next.lockDate, next.periodLockDate],
  );
  const after = await readLockDates(tx, companyId);
  await appendAudit(tx, companyId, actor, {
    action: 'ledger.lock_date.set',
    entityType: 'ledger_settings',
    entityId: companyId,
    before,
    after,
  });
  return after;
}

/**
 * Moves the locks as a person asks: moving either one back (unlocking days) is for admins only, and the
 * hard lock never moves back into a closed fiscal year — reopening the year is how that is done.
 */
async function changeLockDates(tx: Tx, companyId: string, actor: Actor, change: LockDatesChange): Promise<LockDates> {
  const before = await readLockDates(tx, companyId);
  const backwards = (['lockDate', 'periodLockDate'] as const).filter(
    (key) => change[key] !== undefined && movesBack(before[key], change[key] ?? null),
  );
  if (backwards.length > 0 && !(await isCompanyAdmin(tx, companyId, actor))) {
    throw forbidden('Only an admin can move a lock date back');
  }
  if (change.lockDate !== undefined) {
    const [closed] = await tx.query<{ year: number; end_date: string }>(
      `SELECT year, end_date::text AS end_date FROM fiscal_years WHERE company_id = $1 AND status = 'closed' ORDER BY year DESC LIMIT 1`,
      [companyId],
    );
    if (closed && (change.lockDate === null || change.lockDate < closed.end_date)) {
      throw new AppError('INVALID_STATE', `Fiscal year ${closed.year} is closed; reopen it to unlock its dates`, [
        { path: 'lockDate', message: `must be on or after ${closed.end_date}, the end of the closed fiscal year ${closed.year}` },
      ]);
    }
  }
  return writeLockDates(tx, companyId, actor, change);
}

export function getLockDate(ctx: ServiceContext): Promise<LockDate> {
  return ctx.db.tenant(ctx.companyId, async (tx) => ({ lockDate: (await readLockDates(tx, ctx.companyId)).lockDate }));
}

/** Locks the books up to and including a date (null unlocks): nothing can be posted on or before it. */
export function setLockDate(ctx: ServiceContext, raw: z.input<typeof setLockDateInput>): Promise<LockDate> {
  const input = validate(setLockDateInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => ({
    lockDate: (await changeLockDates(tx, ctx.companyId, ctx.actor, { lockDate: input.lockDate })).lockDate,
  }));
}

export function getLockDates(ctx: ServiceContext): Promise<LockDates> {
  return ctx.db.tenant(ctx.companyId, (tx) => readLockDates(tx, ctx.companyId));
}

/** Sets the hard lock, the period lock or both. */
export function setLockDates(ctx: ServiceContext, raw: z.input<typeof setLockDatesInput>): Promise<LockDates> {
  const input = validate(setLockDatesInput, raw);
  return ctx.db.tenant(ctx.companyId, (tx) => changeLockDates(tx, ctx.companyId, ctx.actor, input));
}
