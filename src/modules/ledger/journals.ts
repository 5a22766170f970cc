import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

export const JOURNAL_KINDS = ['general', 'sales', 'purchases', 'bank', 'payroll', 'opening'] as const;

export const journalSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(JOURNAL_KINDS) });
export type Journal = z.infer<typeof journalSchema>;

/** The journals every company gets with its chart; other modules post to them by code. */
export const DEFAULT_JOURNALS: readonly Omit<Journal, 'id'>[] = [
  { code: 'GEN', name: 'General', kind: 'general' },
  { code: 'SAL', name: 'Sales', kind: 'sales' },
  { code: 'PUR', name: 'Purchases', kind: 'purchases' },
  { code: 'BNK', name: 'Bank', kind: 'bank' },
  { code: 'PAY', name: 'Payroll', kind: 'payroll' },
  { code: 'OPE', name: 'Opening', kind: 'opening' },
];

/** Creates the default journals that are missing; returns how many it created. */
export async function ensureDefaultJournals(tx: Tx, companyId: string): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO journals (company_id, id, code, name, kind)
     SELECT $1, u.id, u.code, u.name, u.kind FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS u (id, code, name, kind)
     ON CONFLICT (company_id, code) DO NOTHING RETURNING id`,
    [
      companyId,
      DEFAULT_JOURNALS.map(() => newId()),
      DEFAULT_JOURNALS.map((j) => j.code),
      DEFAULT_JOURNALS.map((j) => j.name),
      DEFAULT_JOURNALS.map((j) => j.kind),
    ],
  );
  return rows.length;
}

export function listJournals(ctx: ServiceContext): Promise<Journal[]> {
  return ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<Journal>('SELECT id, code, name, kind FROM journals WHERE company_id = $1 ORDER BY code', [ctx.companyId]),
  );
}
