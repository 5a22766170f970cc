import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { validate } from './validate.ts';

export const lockDateSchema = z.object({ lockDate: z.string().nullable() });
export const setLockDateInput = z.strictObject({ lockDate: z.iso.date().nullable() });
export type LockDate = z.infer<typeof lockDateSchema>;

async function readLockDate(tx: Tx, companyId: string): Promise<LockDate> {
  const [row] = await tx.query<{ lock_date: string | null }>(
    'SELECT lock_date::text AS lock_date FROM ledger_settings WHERE company_id = $1',
    [companyId],
  );
  return { lockDate: row?.lock_date ?? null };
}

export function getLockDate(ctx: ServiceContext): Promise<LockDate> {
  return ctx.db.tenant(ctx.companyId, (tx) => readLockDate(tx, ctx.companyId));
}

/** Locks the books up to and including a date (null unlocks): nothing can be posted on or before it. */
export function setLockDate(ctx: ServiceContext, raw: z.input<typeof setLockDateInput>): Promise<LockDate> {
  const input = validate(setLockDateInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await readLockDate(tx, ctx.companyId);
    await tx.query(
      `INSERT INTO ledger_settings (company_id, lock_date) VALUES ($1, $2)
       ON CONFLICT (company_id) DO UPDATE SET lock_date = excluded.lock_date, version = ledger_settings.version + 1, updated_at = now()`,
      [ctx.companyId, input.lockDate],
    );
    const after = await readLockDate(tx, ctx.companyId);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.lock_date.set',
      entityType: 'ledger_settings',
      entityId: ctx.companyId,
      before,
      after,
    });
    return after;
  });
}
