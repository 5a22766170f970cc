import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { versionConflict } from '../../platform/errors.ts';
import { validate } from '../../platform/validate.ts';

export const taxSettingsSchema = z.object({
  /** `line`: each line's tax is rounded; `document`: each tax's total, once (EN 16931's way, the default). */
  rounding: z.enum(['line', 'document']),
  version: z.number(),
});
export type TaxSettings = z.infer<typeof taxSettingsSchema>;

export const setTaxSettingsInput = z.strictObject({ rounding: z.enum(['line', 'document']), version: z.number().int().min(0) });

export async function readTaxSettings(tx: Tx, companyId: string): Promise<TaxSettings> {
  const [row] = await tx.query<{ rounding: TaxSettings['rounding']; version: number }>(
    'SELECT rounding, version FROM tax_settings WHERE company_id = $1',
    [companyId],
  );
  return row ?? { rounding: 'document', version: 0 };
}

export function getTaxSettings(ctx: ServiceContext): Promise<TaxSettings> {
  return ctx.db.tenant(ctx.companyId, (tx) => readTaxSettings(tx, ctx.companyId));
}

/** Changes the rounding; give the version read (0 before the first change) so a concurrent change is not lost. */
export function setTaxSettings(ctx: ServiceContext, raw: z.input<typeof setTaxSettingsInput>): Promise<TaxSettings> {
  const input = validate(setTaxSettingsInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    await tx.query('SELECT 1 FROM tax_settings WHERE company_id = $1 FOR UPDATE', [ctx.companyId]);
    const before = await readTaxSettings(tx, ctx.companyId);
    if (input.version !== before.version) throw versionConflict('The tax settings');
    await tx.query(
      `INSERT INTO tax_settings (company_id, rounding) VALUES ($1, $2)
       ON CONFLICT (company_id) DO UPDATE SET rounding = excluded.rounding, version = tax_settings.version + 1, updated_at = now()`,
      [ctx.companyId, input.rounding],
    );
    const after = await readTaxSettings(tx, ctx.companyId);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'taxes.settings.updated',
      entityType: 'tax_settings',
      entityId: ctx.companyId,
      before,
      after,
    });
    return after;
  });
}
