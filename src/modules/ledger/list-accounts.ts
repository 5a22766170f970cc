import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../platform/pagination.ts';
import { ACCOUNT_TYPES, type Account, type AccountRow, SELECT_ACCOUNT, toAccount } from './account-model.ts';

export const listAccountsQuery = z.strictObject({
  ...pageQuery,
  type: z.enum(ACCOUNT_TYPES).optional(),
  archived: z.enum(['include', 'exclude', 'only']).default('exclude'),
});
export type ListAccountsQuery = z.output<typeof listAccountsQuery>;

/** The chart of accounts in code order. */
export async function listAccounts(ctx: ServiceContext, query: ListAccountsQuery): Promise<Page<Account>> {
  const after = decodeCursor(query.cursor, 1);
  const params: unknown[] = [ctx.companyId];
  const where = ['company_id = $1'];
  if (query.type) {
    params.push(query.type);
    where.push(`type = $${params.length}`);
  }
  if (query.archived === 'exclude') where.push('archived_at IS NULL');
  if (query.archived === 'only') where.push('archived_at IS NOT NULL');
  if (after) {
    params.push(after[0]);
    where.push(`code > $${params.length}`);
  }
  params.push(query.limit + 1);
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<AccountRow>(`${SELECT_ACCOUNT} WHERE ${where.join(' AND ')} ORDER BY code COLLATE "C" LIMIT $${params.length}`, params),
  );
  return toPage(rows, query.limit, toAccount, (r) => [r.code]);
}
