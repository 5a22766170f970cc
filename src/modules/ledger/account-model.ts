import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const accountSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEs: z.string().nullable(),
  type: z.enum(ACCOUNT_TYPES),
  subtype: z.string().nullable(),
  parentId: z.uuid().nullable(),
  archivedAt: z.date().nullable(),
  version: z.number(),
});
export type Account = z.infer<typeof accountSchema>;

export interface AccountRow {
  id: string;
  code: string;
  name: string;
  name_es: string | null;
  type: AccountType;
  subtype: string | null;
  parent_id: string | null;
  archived_at: Date | null;
  version: number;
}

export const ACCOUNT_COLUMNS = 'id, code, name, name_es, type, subtype, parent_id, archived_at, version';
export const SELECT_ACCOUNT = `SELECT ${ACCOUNT_COLUMNS} FROM accounts`;

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEs: r.name_es,
  type: r.type,
  subtype: r.subtype,
  parentId: r.parent_id,
  archivedAt: r.archived_at,
  version: r.version,
});

export async function findAccount(tx: Tx, companyId: string, id: string): Promise<AccountRow | undefined> {
  const [row] = await tx.query<AccountRow>(`${SELECT_ACCOUNT} WHERE company_id = $1 AND id = $2`, [companyId, id]);
  return row;
}
